/**
 * Transactions with conditions: the only way invariants across items are written. A cancelled transaction is
 * turned into the domain's error by looking at which item's condition failed.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { StillContended } from '#errors';
import { dynamo } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Index of each item whose condition failed. */
export type FailedConditions = Set<number>;

const MAX_ATTEMPTS = 8;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes the items atomically. A failed condition becomes the caller's domain error; a conflict with another
 * transaction in flight (DynamoDB cancels one of two concurrent transactions on the same item) is retried,
 * after which the condition decides.
 */
export const transactWrite = async (
  items: TransactItem[],
  onConditionFailed: (failed: FailedConditions) => Error,
): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = new Set(reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : [])));
      if (failed.size > 0) throw onConditionFailed(failed);
      const conflicted = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflicted) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new StillContended();
      await pause(Math.random() * Math.min(400, 10 * 2 ** attempt));
    }
  }
};
