/**
 * Portal sessions, one item each: which account it belongs to, until when, and whether it outlives the browser
 * ("keep me signed in"). Signing out deletes the item, so a signed-out token (or cookie) stops working at once even
 * though its signature is still valid. Every authenticated customer call reads the item together with its account
 * in one BatchGetItem.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { toAccount } from './accounts';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import { breach, type Invariant } from './invariant';
import { accountKeys, type AccountRecord, type Keys } from './keys';

export interface SessionRecord {
  sessionId: string;
  accountId: string;
  /** Kept past the browser's close ("keep me signed in"): the cookie has a Max-Age. */
  persistent: boolean;
  /** Milliseconds since the epoch; the item's TTL follows it (a backstop: expiry is checked on every read). */
  validUntil: number;
  createdAt: string;
}

export const sessionKeys = (sessionId: string): Keys => ({ pk: `SESSION#${sessionId}`, sk: 'SESSION' });

const ENTITY = 'session';

export const putSession = async (session: SessionRecord): Promise<void> => {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...sessionKeys(session.sessionId), entity: ENTITY, ...session, expiresAt: Math.floor(session.validUntil / 1000) + 60 },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
};

/** Deleting the item ends the session; deleting one already gone is harmless. */
export const deleteSession = async (sessionId: string): Promise<void> => {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: sessionKeys(sessionId) }));
};

/** The session and its account, in one round trip; either may be missing. */
export const getSessionWithAccount = async (sessionId: string, accountId: string): Promise<{ session?: SessionRecord; account?: AccountRecord }> => {
  const items = await batchGet([sessionKeys(sessionId), accountKeys(accountId)]);
  const sessionItem = items.find((i) => i.entity === ENTITY);
  const accountItem = items.find((i) => i.pk === accountKeys(accountId).pk);
  return {
    ...(sessionItem
      ? {
          session: {
            sessionId: String(sessionItem.sessionId),
            accountId: String(sessionItem.accountId),
            persistent: sessionItem.persistent === true,
            validUntil: Number(sessionItem.validUntil),
            createdAt: String(sessionItem.createdAt),
          },
        }
      : {}),
    ...(accountItem ? { account: toAccount(accountItem) } : {}),
  };
};

export const invariants: Invariant[] = [
  {
    name: 'session-account',
    rule: 'Every unexpired portal session belongs to an account that exists',
    check: (table, now) =>
      table
        .of(ENTITY)
        .filter((s) => Number(s.validUntil) > now.getTime() && !table.get(accountKeys(String(s.accountId))))
        .map((s) => breach(`session ${s.pk} belongs to account ${s.accountId}, which does not exist`, s)),
  },
];
