/** Portal sign-in state: recent failed sign-ins per email, and password-reset tokens (by hash). */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { resetTokenKeys, signInFailureKeys } from './keys';
import type { TransactItem } from './transact';

const epochSeconds = (ms: number) => Math.floor(ms / 1000);

export const recentSignInFailures = async (email: string, since: number): Promise<number> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: signInFailureKeys(email), ConsistentRead: true }));
  return ((out.Item?.failures as number[] | undefined) ?? []).filter((t) => t > since).length;
};

/** Appends one failure (the list is trimmed to the window when read); the item expires by TTL. */
export const recordSignInFailure = async (email: string, at: number, windowMs: number): Promise<void> => {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: signInFailureKeys(email),
      UpdateExpression: 'SET failures = list_append(if_not_exists(failures, :empty), :at), expiresAt = :ttl',
      ExpressionAttributeValues: { ':empty': [], ':at': [at], ':ttl': epochSeconds(at + windowMs) + 60 },
    }),
  );
};

export const clearSignInFailures = async (email: string): Promise<void> => {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: signInFailureKeys(email) }));
};

export const putResetTokenItem = (tokenHash: string, accountId: string, expiresAtMs: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...resetTokenKeys(tokenHash), entity: 'resetToken', accountId, validUntil: expiresAtMs, expiresAt: epochSeconds(expiresAtMs) + 3600 },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const getResetToken = async (tokenHash: string): Promise<{ accountId: string; validUntil: number } | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: resetTokenKeys(tokenHash), ConsistentRead: true }));
  return out.Item ? { accountId: out.Item.accountId as string, validUntil: out.Item.validUntil as number } : undefined;
};

/** Deleting the token is the use of it: only one transaction can. */
export const consumeResetTokenItem = (tokenHash: string, accountId: string): TransactItem => ({
  Delete: {
    TableName: tableName(),
    Key: resetTokenKeys(tokenHash),
    ConditionExpression: 'accountId = :id',
    ExpressionAttributeValues: { ':id': accountId },
  },
});
