/** Service desks, their project-key claims and request types. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import {
  OPEN_DESKS_PARTITION,
  DESKS_PARTITION,
  REQUEST_TYPE_SORT_PREFIX,
  deskIndexAttributes,
  deskKeyClaimKeys,
  deskKeys,
  requestTypeKeys,
  type DeskRecord,
  type RequestTypeRecord,
} from './keys';
import { partitionQuery, pickFields, queryAll, queryPage } from './query';
import type { TransactItem } from './transact';

const DESK_FIELDS = ['id', 'projectKey', 'projectName', 'access', 'ccParticipants', 'createdAt', 'updatedAt', 'version'] as const;

export const toDesk = (item: Record<string, unknown>): DeskRecord => pickFields<DeskRecord>(item, DESK_FIELDS);

export const putDeskItem = (desk: DeskRecord, expectedVersion: number | undefined): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...deskKeys(desk.id), entity: 'desk', ...desk, ...deskIndexAttributes(desk) },
    ...(expectedVersion === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
  },
});

export const claimDeskKeyItem = (projectKey: string, id: string): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...deskKeyClaimKeys(projectKey), entity: 'deskKeyClaim', deskId: id },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const getDesk = async (id: string): Promise<DeskRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: deskKeys(id) }));
  return out.Item ? toDesk(out.Item) : undefined;
};

export const getDesks = async (ids: string[]): Promise<DeskRecord[]> =>
  (await batchGet(ids.map(deskKeys))).map(toDesk).sort((a, b) => Number(a.id) - Number(b.id));

export const getDeskIdByKey = async (projectKey: string): Promise<string | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: deskKeyClaimKeys(projectKey) }));
  return out.Item?.deskId as string | undefined;
};

export const queryDesks = async (page: { start: number; limit: number; cursor?: string | undefined }) => {
  const result = await queryPage({ index: 'directory', partitionValue: DESKS_PARTITION, ...page });
  return { ...result, desks: result.items.map(toDesk) };
};

/** Open desks: the sparse GSI3 partition, one Query (more pages only past 1 MB of open desks). */
export const queryOpenDesks = async (): Promise<Array<Pick<DeskRecord, 'id' | 'projectKey'>>> =>
  (await queryAll(partitionQuery(OPEN_DESKS_PARTITION, { index: 'search', projection: 'id, projectKey' }))) as Array<Pick<DeskRecord, 'id' | 'projectKey'>>;

const REQUEST_TYPE_FIELDS = ['id', 'serviceDeskId', 'name', 'description', 'helpText', 'fields', 'createdAt'] as const;

export const putRequestTypeItem = (rt: RequestTypeRecord): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...requestTypeKeys(rt.serviceDeskId, rt.id), entity: 'requestType', ...rt },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const queryRequestTypes = async (deskId: string, page: { start: number; limit: number; cursor?: string | undefined }) => {
  const result = await queryPage({ partitionValue: deskKeys(deskId).pk, sortPrefix: REQUEST_TYPE_SORT_PREFIX, ...page });
  return { ...result, requestTypes: result.items.map((i) => pickFields<RequestTypeRecord>(i, REQUEST_TYPE_FIELDS)) };
};

/** Every request type of a desk (a desk has a handful). */
export const queryAllRequestTypes = async (deskId: string): Promise<RequestTypeRecord[]> =>
  (await queryAll(partitionQuery(deskKeys(deskId).pk, { sortPrefix: REQUEST_TYPE_SORT_PREFIX }))).map((i) => pickFields<RequestTypeRecord>(i, REQUEST_TYPE_FIELDS));

export const deleteRequestTypeItem = (rt: RequestTypeRecord): TransactItem => ({
  Delete: { TableName: tableName(), Key: requestTypeKeys(rt.serviceDeskId, rt.id), ConditionExpression: 'attribute_exists(pk)' },
});

export const getRequestType = async (deskId: string, id: string): Promise<RequestTypeRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: requestTypeKeys(deskId, id) }));
  return out.Item ? pickFields<RequestTypeRecord>(out.Item, REQUEST_TYPE_FIELDS) : undefined;
};

/** A desk and one of its request types: one BatchGetItem. */
export const getDeskWithRequestType = async (
  deskId: string,
  requestTypeId: string,
): Promise<{ desk: DeskRecord | undefined; requestType: RequestTypeRecord | undefined }> => {
  const deskKey = deskKeys(deskId);
  const items = await batchGet([deskKey, requestTypeKeys(deskId, requestTypeId)]);
  const desk = items.find((i) => i.sk === deskKey.sk);
  const requestType = items.find((i) => i.sk !== deskKey.sk);
  return { desk: desk ? toDesk(desk) : undefined, requestType: requestType ? pickFields<RequestTypeRecord>(requestType, REQUEST_TYPE_FIELDS) : undefined };
};
