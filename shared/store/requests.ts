/** Requests, their issue-key claims, participants and comments. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import {
  COMMENT_SORT_PREFIX,
  PARTICIPANT_SORT_PREFIX,
  STATUS_SORT_PREFIX,
  statusChangeKeys,
  commentKeys,
  deskRequestsPartition,
  issueKeyClaimKeys,
  organizationRequestsPartition,
  participantIndexAttributes,
  participantKeys,
  participantPartition,
  reporterPartition,
  requestIndexAttributes,
  requestKeys,
  type CommentRecord,
  type RequestRecord,
  type StatusChangeRecord,
} from './keys';
import { partitionQuery, pickFields, queryAll, queryPage, type Item } from './query';
import type { TransactItem } from './transact';

const REQUEST_FIELDS = [
  'issueId', 'issueKey', 'serviceDeskId', 'requestTypeId', 'summary', 'description', 'reporterId', 'organizationId',
  'status', 'statusChangedAt', 'fieldValues', 'mutedBy', 'feedback', 'channel', 'createdBy', 'createdAt', 'updatedAt', 'version',
] as const;
export const toRequest = (item: Item): RequestRecord => pickFields<RequestRecord>(item, REQUEST_FIELDS);

export const putRequestItems = (r: RequestRecord, expectedVersion: number | undefined): TransactItem[] => [
  {
    Put: {
      TableName: tableName(),
      Item: { ...requestKeys(r.issueId), entity: 'request', ...r, ...requestIndexAttributes(r) },
      ...(expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
    },
  },
];

/** The request with a new status, and its entry in the status history: written together. */
export const changeStatusItems = (r: RequestRecord, status: RequestRecord['status'], now: string): TransactItem[] => [
  ...putRequestItems({ ...r, status, statusChangedAt: now, updatedAt: now, version: r.version + 1 }, r.version),
  { Put: { TableName: tableName(), Item: { ...statusChangeKeys(r.issueId, now, status), entity: 'statusChange', issueId: r.issueId, status, at: now } } },
];

/** Marks activity on the request (a comment): lists order by it. */
export const touchRequestItem = (issueId: string, now: string): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: requestKeys(issueId),
    UpdateExpression: 'SET updatedAt = :now',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':now': now },
  },
});

export const queryStatusChanges = async (issueId: string, page: { start: number; limit: number; cursor?: string | undefined }) => {
  const result = await queryPage({ partitionValue: requestKeys(issueId).pk, sortPrefix: STATUS_SORT_PREFIX, newestFirst: true, ...page });
  return { ...result, changes: result.items.map((i) => pickFields<StatusChangeRecord>(i, ['issueId', 'status', 'at'])) };
};

export const claimIssueKeyItem = (issueKey: string, issueId: string): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...issueKeyClaimKeys(issueKey), entity: 'issueKey', issueId },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const getRequest = async (issueId: string): Promise<RequestRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: requestKeys(issueId) }));
  return out.Item ? toRequest(out.Item) : undefined;
};

export const getIssueIdByKey = async (issueKey: string): Promise<string | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: issueKeyClaimKeys(issueKey) }));
  return out.Item?.issueId as string | undefined;
};

export const getRequests = async (issueIds: string[]): Promise<RequestRecord[]> =>
  (await batchGet(issueIds.map(requestKeys))).map(toRequest);

export type RequestSource =
  | { kind: 'reporter'; accountId: string }
  | { kind: 'participant'; accountId: string }
  | { kind: 'desk'; deskId: string }
  | { kind: 'organization'; organizationId: string };

/**
 * The newest `count` requests of one source (one Query; participants' entries then one BatchGetItem).
 * Paging across several sources is done by the caller, merging newest first.
 */
export const newestRequests = async (source: RequestSource, count: number): Promise<RequestRecord[]> => {
  const spec = {
    reporter: { index: 'inverted' as const, partition: () => reporterPartition((source as { accountId: string }).accountId) },
    participant: { index: 'inverted' as const, partition: () => participantPartition((source as { accountId: string }).accountId) },
    desk: { index: 'directory' as const, partition: () => deskRequestsPartition((source as { deskId: string }).deskId) },
    organization: { index: 'search' as const, partition: () => organizationRequestsPartition((source as { organizationId: string }).organizationId) },
  }[source.kind];
  const page = await queryPage({ index: spec.index, partitionValue: spec.partition(), newestFirst: true, start: 0, limit: count });
  if (source.kind !== 'participant') return page.items.map(toRequest);
  const ids = page.items.map((i) => i.issueId as string);
  const found = new Map((await getRequests(ids)).map((r) => [r.issueId, r]));
  return ids.flatMap((id) => found.get(id) ?? []);
};

// ---- Participants -------------------------------------------------------------------------------
export const putParticipantItem = (r: RequestRecord, accountId: string): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...participantKeys(r.issueId, accountId), entity: 'participant', issueId: r.issueId, accountId, ...participantIndexAttributes(r, accountId) },
  },
});

export const deleteParticipantItem = (issueId: string, accountId: string): TransactItem => ({
  Delete: { TableName: tableName(), Key: participantKeys(issueId, accountId) },
});

export const participantsOf = async (issueId: string): Promise<string[]> =>
  (await queryAll(partitionQuery(requestKeys(issueId).pk, { sortPrefix: PARTICIPANT_SORT_PREFIX, projection: 'accountId' }))).map(
    (i) => i.accountId as string,
  );

// ---- Comments -----------------------------------------------------------------------------------
const COMMENT_FIELDS = ['id', 'issueId', 'body', 'public', 'authorId', 'createdAt'] as const;

export const putCommentItem = (c: CommentRecord): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...commentKeys(c.issueId, c.id), entity: 'comment', ...c, isPublic: c.public },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** `visibility`: only public, or only internal, comments; all when undefined. */
export const queryComments = async (issueId: string, page: { start: number; limit: number; cursor?: string | undefined }, visibility?: 'public' | 'internal') => {
  const result = await queryPage({
    partitionValue: requestKeys(issueId).pk,
    sortPrefix: COMMENT_SORT_PREFIX,
    ...(visibility ? { filter: { expression: 'isPublic = :public', values: { ':public': visibility === 'public' } } } : {}),
    ...page,
  });
  return { ...result, comments: result.items.map((i) => pickFields<CommentRecord>(i, COMMENT_FIELDS)) };
};

export const getComment = async (issueId: string, commentId: string): Promise<CommentRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: commentKeys(issueId, commentId) }));
  return out.Item ? pickFields<CommentRecord>(out.Item, COMMENT_FIELDS) : undefined;
};
