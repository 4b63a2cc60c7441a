/** Invitations, their single-use token items, and the pending-by-expiry index the cleanup reads. */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { breach, type Invariant } from './invariant';
import { accountRelationsPartition } from './entities/account';
import {
  EXPIRED_INVITATIONS_PARTITION,
  INVITATION_LIST_PREFIX,
  INVITATION_RELATION_PREFIX,
  PENDING_INVITATIONS_PARTITION,
  invitationItem,
  invitationKeys,
  invitationTokenItem,
  invitationTokenKeys,
  toInvitation,
  toInvitationToken,
  type DeliveryFailure,
  type InvitationRecord,
} from './entities/invitation';
import { timeSortBound } from './entities/item';
import { partitionQuery, queryAll, queryPage, type PageQuery } from './query';
import { INDEXES } from './table-spec';
import type { InvitationStatus } from '#model/vocabulary';
import { versionGuard, write, type TransactItem } from './transact';
import { mapPage } from '#model/page';

/** The invitation item; `expectedVersion` undefined means it must be new. */
export const putInvitationItem = (
  inv: InvitationRecord,
  expectedVersion: number | undefined,
  extraCondition?: { expression: string; values: Record<string, unknown>; names?: Record<string, string> },
): TransactItem<'invitation'> => {
  const guard = versionGuard(expectedVersion);
  const values = { ...guard.ExpressionAttributeValues, ...extraCondition?.values };
  const names = extraCondition?.names ?? {};
  return write('invitation', {
    Put: {
      TableName: tableName(),
      Item: invitationItem(inv),
      ConditionExpression: [guard.ConditionExpression, ...(extraCondition ? [extraCondition.expression] : [])].join(' AND '),
      ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
      ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    },
  });
};

/** For putInvitationItem: the invitation must still be pending (status is a reserved word, hence the name). */
export const STILL_PENDING = { expression: '#status = :pending', values: { ':pending': 'pending' }, names: { '#status': 'status' } };

/** The token item: found by hash, deleted when used; TTL removes it eventually (expiry is checked in code). */
export const putInvitationTokenItem = (tokenHash: string, invitationId: string, expiresAt: string): TransactItem<'invitationToken'> =>
  write('invitationToken', {
    Put: {
      TableName: tableName(),
      Item: invitationTokenItem(tokenHash, invitationId, expiresAt),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

export const deleteInvitationTokenItem = (tokenHash: string, invitationId: string): TransactItem<'invitationToken'> =>
  write('invitationToken', {
    Delete: {
      TableName: tableName(),
      Key: invitationTokenKeys(tokenHash),
      ConditionExpression: 'invitationId = :id',
      ExpressionAttributeValues: { ':id': invitationId },
    },
  });

/**
 * The same, for the cleanup: the token item may already be gone (TTL removes it a day after the expiry, and a
 * cleanup that did not run for days must still be able to expire the invitation).
 */
export const deleteInvitationTokenItemIfPresent = (tokenHash: string, invitationId: string): TransactItem<'invitationToken'> =>
  write('invitationToken', {
    Delete: {
      TableName: tableName(),
      Key: invitationTokenKeys(tokenHash),
      ConditionExpression: 'attribute_not_exists(pk) OR invitationId = :id',
      ExpressionAttributeValues: { ':id': invitationId },
    },
  });

export const getInvitation = async (id: string): Promise<InvitationRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: invitationKeys(id), ConsistentRead: true }));
  return out.Item ? toInvitation(out.Item) : undefined;
};

export const getInvitationIdByToken = async (tokenHash: string): Promise<string | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: invitationTokenKeys(tokenHash), ConsistentRead: true }));
  return out.Item ? toInvitationToken(out.Item).invitationId : undefined;
};

/** The invitations of one account (relations index), all of them (an account has a handful). */
export const invitationsOfAccount = async (accountId: string): Promise<InvitationRecord[]> =>
  (await queryAll(partitionQuery(accountRelationsPartition(accountId), { index: 'relations', sortPrefix: INVITATION_RELATION_PREFIX }))).map(toInvitation);

export const queryInvitations = async (
  status: InvitationStatus,
  page: Pick<PageQuery, 'start' | 'limit' | 'cursor'>,
  serviceDeskId?: string,
) => {
  const result = await queryPage({
    index: 'lists',
    partitionValue: `${INVITATION_LIST_PREFIX}${status}`,
    newestFirst: true,
    ...(serviceDeskId ? { filter: { expression: 'serviceDeskId = :d', values: { ':d': serviceDeskId } } } : {}),
    ...page,
  });
  return mapPage(result, toInvitation);
};

/** One chunk of a time-ordered invitation list on the selections index, oldest first, whose sort keys fall in [from, to]. */
const invitationsBetween = async (partition: string, range: { from?: string; to: string }, limit: number, startKey?: Record<string, unknown>) => {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEXES.selections.name,
      KeyConditionExpression: range.from === undefined ? '#p = :p AND #s <= :to' : '#p = :p AND #s BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#p': INDEXES.selections.partition, '#s': INDEXES.selections.sort },
      ExpressionAttributeValues: { ':p': partition, ':to': range.to, ...(range.from === undefined ? {} : { ':from': range.from }) },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { invitations: (out.Items ?? []).map(toInvitation), lastKey: out.LastEvaluatedKey };
};

/** Pending invitations whose sort key (`<expiresAt>#<id>`) is before `before`, a chunk at a time. */
export const queryPendingExpiringBefore = (before: string, limit: number, startKey?: Record<string, unknown>) =>
  invitationsBetween(PENDING_INVITATIONS_PARTITION, { to: before }, limit, startKey);

/** Pending invitations expiring between two sort keys (for reminders). */
export const queryPendingExpiringBetween = (from: string, to: string, limit: number, startKey?: Record<string, unknown>) =>
  invitationsBetween(PENDING_INVITATIONS_PARTITION, { from, to }, limit, startKey);

/** Expired invitations whose placeholder account is due to be checked at or before `until` (ISO), a chunk at a time. */
export const queryAccountChecksDue = (until: string, limit: number, startKey?: Record<string, unknown>) =>
  invitationsBetween(EXPIRED_INVITATIONS_PARTITION, { to: timeSortBound(until) }, limit, startKey);

/**
 * Marks the invitation whose mail SES reported as bounced or complained about. Only while that mail is still the
 * invitation's latest (a resend sends a new one), and without a version bump: it is a note, not a state change.
 */
export const markInvitationDeliveryFailure = async (id: string, sesMessageId: string, failure: DeliveryFailure): Promise<boolean> =>
  dynamo()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: invitationKeys(id),
        UpdateExpression: 'SET deliveryFailure = :f',
        ConditionExpression: 'sesMessageId = :m',
        ExpressionAttributeValues: { ':f': failure, ':m': sesMessageId },
      }),
    )
    .then(() => true)
    .catch((error: unknown) => {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    });

/** Records SES's message id once the mail is out (the invitation was written before sending). */
export const setInvitationMessageId = async (id: string, tokenHash: string, sesMessageId: string): Promise<void> => {
  await dynamo()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: invitationKeys(id),
        UpdateExpression: 'SET sesMessageId = :m',
        ConditionExpression: 'tokenHash = :h',
        ExpressionAttributeValues: { ':m': sesMessageId, ':h': tokenHash },
      }),
    )
    .catch((error: unknown) => {
      // Resent or accepted meanwhile: the newer state wins.
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    });
};

// ---- Invariants (read by the table checker) -----------------------------------------------------
/** The token item outlives the expiry by a day (its TTL), so the cleanup can still void it; past that it may be gone. */
const TOKEN_KEPT_AFTER_EXPIRY_MS = 86_400_000;

export const invariants: Invariant[] = [
  {
    name: 'pending-invitation-token',
    rule: 'Every pending invitation has its live token (expired ones are expired by the daily cleanup within a day)',
    check: (table, now) =>
      table.of('invitation').filter((inv) => inv.status === 'pending').flatMap((inv) => {
        if (Date.parse(String(inv.expiresAt)) + TOKEN_KEPT_AFTER_EXPIRY_MS < now.getTime()) {
          return [breach(`invitation ${inv.id} is still pending more than a day after it expired: the cleanup has not run`, inv)];
        }
        const keys = invitationTokenKeys(String(inv.tokenHash));
        return table.get(keys)?.invitationId === inv.id ? [] : [breach(`pending invitation ${inv.id} has no token: its link cannot work`, inv, keys)];
      }),
  },
  {
    name: 'used-invitation-token',
    rule: 'Every token belongs to a pending invitation as its current token: accepted, expired, revoked or resent invitations have none',
    check: (table) =>
      table.of('invitationToken').flatMap((token) => {
        const inv = table.get(invitationKeys(String(token.invitationId)));
        if (!inv) return [breach(`token ${token.pk} of invitation ${token.invitationId}, which does not exist`, token)];
        if (inv.status !== 'pending') return [breach(`${inv.status} invitation ${inv.id} still has a live token`, token, inv)];
        return invitationTokenKeys(String(inv.tokenHash)).pk === token.pk ? [] : [breach(`invitation ${inv.id} has a replaced token that still works`, token, inv)];
      }),
  },
];
