/** Service desks, their project-key claims and request types. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import { DESKS_PARTITION, OPEN_DESKS_PARTITION, deskItem, deskKeyClaimItem, deskKeyClaimKeys, deskKeys, toDesk, toDeskKeyClaim, toOpenDesk, type DeskRecord } from './entities/desk';
import { REQUEST_TYPE_SORT_PREFIX, requestTypeItem, requestTypeKeys, toRequestType, type RequestTypeRecord } from './entities/request-type';
import { partitionQuery, queryAll, queryPage } from './query';
import { versionedPut, write, type TransactItem } from './transact';
import { mapPage } from '#model/page';

export const putDeskItem = (desk: DeskRecord, expectedVersion: number | undefined): TransactItem<'desk'> =>
  versionedPut('desk', deskItem(desk), expectedVersion);

export const claimDeskKeyItem = (projectKey: string, id: string): TransactItem<'deskKeyClaim'> =>
  write('deskKeyClaim', {
    Put: {
      TableName: tableName(),
      Item: deskKeyClaimItem(projectKey, id),
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
  return out.Item ? toDeskKeyClaim(out.Item).deskId : undefined;
};

export const queryDesks = async (page: { start: number; limit: number; cursor?: string | undefined }) => {
  const result = await queryPage({ index: 'lists', partitionValue: DESKS_PARTITION, ...page });
  return mapPage(result, toDesk);
};

/** Open desks: one partition of the sparse selections index, one Query (more pages only past 1 MB of open desks). */
export const queryOpenDesks = async (): Promise<Array<Pick<DeskRecord, 'id' | 'projectKey'>>> =>
  (await queryAll(partitionQuery(OPEN_DESKS_PARTITION, { index: 'selections', projection: 'id, projectKey' }))).map(toOpenDesk);

export const putRequestTypeItem = (rt: RequestTypeRecord): TransactItem<'requestType'> =>
  write('requestType', {
    Put: {
      TableName: tableName(),
      Item: requestTypeItem(rt),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

export const queryRequestTypes = async (deskId: string, page: { start: number; limit: number; cursor?: string | undefined }) => {
  const result = await queryPage({ partitionValue: deskKeys(deskId).pk, sortPrefix: REQUEST_TYPE_SORT_PREFIX, ...page });
  return mapPage(result, toRequestType);
};

/** Every request type of a desk (a desk has a handful). */
export const queryAllRequestTypes = async (deskId: string): Promise<RequestTypeRecord[]> =>
  (await queryAll(partitionQuery(deskKeys(deskId).pk, { sortPrefix: REQUEST_TYPE_SORT_PREFIX }))).map(toRequestType);

export const deleteRequestTypeItem = (rt: RequestTypeRecord): TransactItem<'requestType'> =>
  write('requestType', {
    Delete: { TableName: tableName(), Key: requestTypeKeys(rt.serviceDeskId, rt.id), ConditionExpression: 'attribute_exists(pk)' },
  });

export const getRequestType = async (deskId: string, id: string): Promise<RequestTypeRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: requestTypeKeys(deskId, id) }));
  return out.Item ? toRequestType(out.Item) : undefined;
};

/** A desk with every request type it has (a handful): one Query of the desk's partition. */
export const queryDeskWithRequestTypes = async (deskId: string): Promise<{ desk: DeskRecord; requestTypes: RequestTypeRecord[] } | undefined> => {
  const items = await queryAll(partitionQuery(deskKeys(deskId).pk));
  const desk = items.find((i) => i.sk === deskKeys(deskId).sk);
  const requestTypes = items.filter((i) => String(i.sk).startsWith(REQUEST_TYPE_SORT_PREFIX)).map(toRequestType);
  return desk ? { desk: toDesk(desk), requestTypes } : undefined;
};
