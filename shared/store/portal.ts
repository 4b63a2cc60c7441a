/** Portal sign-in state: recent attempts per email (sign-ins, reset requests), and password-reset tokens (by hash). */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import type { Keys } from './entities/item';
import { resetTokenItem, resetTokenKeys, toAttempts, toResetToken, type ResetToken } from './entities/sign-in';
import { write, type TransactItem } from './transact';

const epochSeconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Appends one attempt atomically and answers how many fall in the window, this one included. The list keeps the
 * last 50 entries at most; the item expires by TTL.
 */
export const recordAttempt = async (key: Keys, at: number, windowMs: number): Promise<number> => {
  const out = await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET failures = list_append(if_not_exists(failures, :empty), :at), expiresAt = :ttl',
      ExpressionAttributeValues: { ':empty': [], ':at': [at], ':ttl': epochSeconds(at + windowMs) + 60 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const failures = (out.Attributes ? toAttempts(out.Attributes).failures : undefined) ?? [];
  if (failures.length > 50) await trimAttempts(key, failures.length - 50);
  return failures.filter((t) => t > at - windowMs).length;
};

const trimAttempts = async (key: Keys, count: number): Promise<void> => {
  const removals = Array.from({ length: count }, (_, i) => `failures[${i}]`).join(', ');
  await dynamo().send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: `REMOVE ${removals}` }));
};

/** A successful sign-in takes its own attempt back (only that one: a concurrent wrong guess still counts). */
export const forgiveAttempt = async (key: Keys, at: number): Promise<void> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  const index = ((out.Item ? toAttempts(out.Item).failures : undefined) ?? []).lastIndexOf(at);
  if (index < 0) return;
  await dynamo()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `REMOVE failures[${index}]`,
        ConditionExpression: `failures[${index}] = :at`,
        ExpressionAttributeValues: { ':at': at },
      }),
    )
    .catch((error: unknown) => {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    });
};

/** `epoch` is the account's session epoch when the link was made: a later reset makes the link stale. */
export const putResetTokenItem = (tokenHash: string, token: ResetToken): TransactItem<'resetToken'> =>
  write('resetToken', {
    Put: {
      TableName: tableName(),
      Item: resetTokenItem(tokenHash, token),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

export const getResetToken = async (tokenHash: string): Promise<ResetToken | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: resetTokenKeys(tokenHash), ConsistentRead: true }));
  return out.Item ? toResetToken(out.Item) : undefined;
};

/** Deleting the token is the use of it: only one transaction can. */
export const consumeResetTokenItem = (tokenHash: string, accountId: string): TransactItem<'resetToken'> =>
  write('resetToken', {
    Delete: {
      TableName: tableName(),
      Key: resetTokenKeys(tokenHash),
      ConditionExpression: 'accountId = :id',
      ExpressionAttributeValues: { ':id': accountId },
    },
  });
