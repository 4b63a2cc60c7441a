/** Requests, their content claims, participants, comments and status history. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import { breach, type Breach, type Invariant } from './invariant';
import { COMMENT_SORT_PREFIX, commentItem, commentKeys, toComment, type CommentRecord } from './entities/comment';
import { counterKeys, deskRequestCounter } from './entities/counter';
import { deskKeys } from './entities/desk';
import { issueIdOf, parseIssueKey } from '#model/issue-ids';
import { onceClaimItem, onceClaimKeys, toOnceClaim, type CreatedOnce } from './entities/once-claim';
import { PARTICIPANT_SORT_PREFIX, participantItem, participantKeys, participantPartition, toParticipant } from './entities/participant';
import {
  deskRequestsPartition,
  organizationRequestsPartition,
  reporterPartition,
  requestIndexAttributes,
  requestItem,
  requestKeys,
  toRequest,
  type RequestRecord,
} from './entities/request';
import { STATUS_SORT_PREFIX, statusChangeItem, toStatusChange } from './entities/status-change';
import { partitionQuery, queryAll, queryPage } from './query';
import { versionedPut, write, type TransactItem } from './transact';
import { mapPage } from '#model/page';

export const putRequestItems = (r: RequestRecord, expectedVersion: number | undefined): TransactItem<'request'>[] => [
  versionedPut('request', requestItem(r), expectedVersion),
];

/** The request with a new status, and its entry in the status history: written together. */
export const changeStatusItems = (r: RequestRecord, status: RequestRecord['status'], now: string): TransactItem<'request' | 'statusChange'>[] => [
  ...putRequestItems({ ...r, status, statusChangedAt: now, updatedAt: now, version: r.version + 1 }, r.version),
  write('statusChange', { Put: { TableName: tableName(), Item: statusChangeItem({ issueId: r.issueId, status, at: now }) } }),
];

/** Marks activity on the request (a comment): lists order by it, so its index entries move too. */
export const touchRequestItem = (r: RequestRecord, now: string): TransactItem<'request'> => {
  const moved = requestIndexAttributes({ ...r, updatedAt: now });
  return write('request', {
    Update: {
      TableName: tableName(),
      Key: requestKeys(r.issueId),
      UpdateExpression: `SET updatedAt = :now, relationSk = :at, listSk = :at${moved.selectionSk ? ', selectionSk = :at' : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now, ':at': moved.relationSk },
    },
  });
};

export const queryStatusChanges = async (issueId: string, page: { start: number; limit: number; cursor?: string | undefined }) => {
  const result = await queryPage({ partitionValue: requestKeys(issueId).pk, sortPrefix: STATUS_SORT_PREFIX, newestFirst: true, ...page });
  return mapPage(result, toStatusChange);
};

/**
 * A request or comment created through the API holds the claim of the call's content (who, where, what) for a few
 * minutes: a retried call whose first answer was lost finds it, and answers it instead of creating a second one.
 */
export const claimOnceItem = (fingerprint: string, created: CreatedOnce, validUntilMs: number, nowMs: number): TransactItem<'onceClaim'> =>
  write('onceClaim', {
    Put: {
      TableName: tableName(),
      Item: onceClaimItem(fingerprint, created, validUntilMs),
      ConditionExpression: 'attribute_not_exists(pk) OR validUntil < :now',
      ExpressionAttributeValues: { ':now': nowMs },
    },
  });

/** The same record for a call that may be made again later on purpose (a transition): the last call's record wins. */
export const recordOnceItem = (fingerprint: string, created: CreatedOnce, validUntilMs: number): TransactItem<'onceClaim'> =>
  write('onceClaim', {
    Put: {
      TableName: tableName(),
      Item: onceClaimItem(fingerprint, created, validUntilMs),
    },
  });

export const getCreatedOnce = async (fingerprint: string): Promise<CreatedOnce | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: onceClaimKeys(fingerprint), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { validUntil, ...created } = toOnceClaim(out.Item);
  return validUntil >= Date.now() ? created : undefined;
};

export const getRequest = async (issueId: string): Promise<RequestRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: requestKeys(issueId) }));
  return out.Item ? toRequest(out.Item) : undefined;
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
    reporter: { index: 'relations' as const, partition: () => reporterPartition((source as { accountId: string }).accountId) },
    participant: { index: 'relations' as const, partition: () => participantPartition((source as { accountId: string }).accountId) },
    desk: { index: 'lists' as const, partition: () => deskRequestsPartition((source as { deskId: string }).deskId) },
    organization: { index: 'selections' as const, partition: () => organizationRequestsPartition((source as { organizationId: string }).organizationId) },
  }[source.kind];
  const page = await queryPage({ index: spec.index, partitionValue: spec.partition(), newestFirst: true, start: 0, limit: count });
  if (source.kind !== 'participant') return page.values.map(toRequest);
  const ids = page.values.map((i) => toParticipant(i).issueId);
  const found = new Map((await getRequests(ids)).map((r) => [r.issueId, r]));
  return ids.flatMap((id) => found.get(id) ?? []);
};

// ---- Participants -------------------------------------------------------------------------------
export const putParticipantItem = (r: RequestRecord, accountId: string): TransactItem<'participant'> =>
  write('participant', {
    Put: {
      TableName: tableName(),
      Item: participantItem(r, accountId),
    },
  });

export const deleteParticipantItem = (issueId: string, accountId: string): TransactItem<'participant'> =>
  write('participant', {
    Delete: { TableName: tableName(), Key: participantKeys(issueId, accountId) },
  });

export const participantsOf = async (issueId: string): Promise<string[]> =>
  (await queryAll(partitionQuery(requestKeys(issueId).pk, { sortPrefix: PARTICIPANT_SORT_PREFIX, projection: 'issueId, accountId' }))).map(
    (i) => toParticipant(i).accountId,
  );

// ---- Comments -----------------------------------------------------------------------------------
export const putCommentItem = (c: CommentRecord): TransactItem<'comment'> =>
  write('comment', {
    Put: {
      TableName: tableName(),
      Item: commentItem(c),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

export const getComment = async (issueId: string, commentId: string): Promise<CommentRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: commentKeys(issueId, commentId), ConsistentRead: true }));
  return out.Item ? toComment(out.Item) : undefined;
};

/** `visibility`: only public, or only internal, comments; all when undefined. */
export const queryComments = async (issueId: string, page: { start: number; limit: number; cursor?: string | undefined }, visibility?: 'public' | 'internal') => {
  const result = await queryPage({
    partitionValue: requestKeys(issueId).pk,
    sortPrefix: COMMENT_SORT_PREFIX,
    ...(visibility ? { filter: { expression: 'isPublic = :public', values: { ':public': visibility === 'public' } } } : {}),
    ...page,
  });
  return mapPage(result, toComment);
};

// ---- Invariants (read by the table checker) -----------------------------------------------------

export const invariants: Invariant[] = [
  {
    name: 'issue-key',
    rule: "Every request's key is its desk's project key and its number, its id follows from them, and its number is no higher than its desk's counter",
    check: (table) =>
      table.of('request').flatMap((request) => {
        const key = String(request.issueKey);
        const deskId = String(request.serviceDeskId);
        const found: Breach[] = [];
        const desk = table.get(deskKeys(deskId));
        const parsed = parseIssueKey(key);
        if (!parsed || parsed.projectKey !== desk?.projectKey || issueIdOf(deskId, parsed.number) !== request.issueId) {
          found.push(breach(`request ${String(request.issueId)} (${key}) is not named after its desk ${deskId} (${String(desk?.projectKey ?? 'missing')})`, request, desk ?? deskKeys(deskId)));
        }
        const counter = table.get(counterKeys(deskRequestCounter(deskId)));
        if (!((parsed?.number ?? Number.POSITIVE_INFINITY) <= Number(counter?.value ?? 0))) {
          found.push(breach(`request ${key} is numbered above its desk's counter (${String(counter?.value ?? 'none')})`, request, counter ?? counterKeys(deskRequestCounter(deskId))));
        }
        return found;
      }),
  },
  {
    name: 'request-children',
    rule: "Every comment's, participant's and status change's request exists",
    check: (table) =>
      [...table.of('comment'), ...table.of('participant'), ...table.of('statusChange')].flatMap((child) =>
        table.get(requestKeys(String(child.issueId))) ? [] : [breach(`${child.entity} ${child.sk} of request ${child.issueId}, which does not exist`, child)],
      ),
  },
];
