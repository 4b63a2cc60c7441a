/**
 * Portal sessions in the table: opened at sign-in, deleted at sign-out, and read with their account in one
 * BatchGetItem by every authenticated customer call.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { accountKeys, toAccount, type AccountRecord } from './entities/account';
import { SESSION_ENTITY, sessionItem, sessionKeys, toSession, type SessionRecord } from './entities/session';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import { breach, type Invariant } from './invariant';

export const putSession = async (session: SessionRecord): Promise<void> => {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: sessionItem(session), ConditionExpression: 'attribute_not_exists(pk)' }));
};

/** Deleting the item ends the session; deleting one already gone is harmless. */
export const deleteSession = async (sessionId: string): Promise<void> => {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: sessionKeys(sessionId) }));
};

/** The session and its account, in one round trip; either may be missing. */
export const getSessionWithAccount = async (sessionId: string, accountId: string): Promise<{ session?: SessionRecord; account?: AccountRecord }> => {
  const items = await batchGet([sessionKeys(sessionId), accountKeys(accountId)]);
  const sessionItemFound = items.find((i) => i.entity === SESSION_ENTITY);
  const accountItemFound = items.find((i) => i.pk === accountKeys(accountId).pk);
  return {
    ...(sessionItemFound ? { session: toSession(sessionItemFound) } : {}),
    ...(accountItemFound ? { account: toAccount(accountItemFound) } : {}),
  };
};

export const invariants: Invariant[] = [
  {
    name: 'session-account',
    rule: 'Every unexpired portal session belongs to an account that exists',
    check: (table, now) =>
      table
        .of(SESSION_ENTITY)
        .filter((s) => Number(s.validUntil) > now.getTime() && !table.get(accountKeys(String(s.accountId))))
        .map((s) => breach(`session ${s.pk} belongs to account ${s.accountId}, which does not exist`, s)),
  },
];
