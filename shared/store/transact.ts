/**
 * Transactions with conditions: the only way invariants across items are written. Every write is labelled for its
 * part in the transaction (the store's builders label theirs by entity; a caller may relabel its own part), and a
 * cancelled transaction is answered by the labels of the writes whose condition failed, never by their position.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { LostUpdate, StillContended } from '#errors';
import { dynamo, tableName } from './client';

type Write = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One write of a transaction, with its label and, where several share a label, what this one is about. */
export interface TransactItem<L extends string = string> {
  readonly label: L;
  readonly write: Write;
  readonly about?: string;
}

export const write = <L extends string>(label: L, w: Write, about?: string): TransactItem<L> => ({ label, write: w, ...(about === undefined ? {} : { about }) });

/** The same writes under the caller's name for their part in its transaction (what a refusal of any of them means). */
export const labelled = <L extends string>(label: L, items: TransactItem | readonly TransactItem[]): TransactItem<L>[] =>
  [items].flat().map((item) => ({ ...item, label }));

/**
 * The error for each label whose write was refused, most telling first: the first listed label with a refused write
 * gives the error (it is handed what the refused writes of that label are about). A refused write whose label is not
 * listed is a lost update (409), unless `otherwise` says what it is.
 */
export type Refusals<L extends string> = { [K in L]?: (about: string[]) => Error };

/**
 * The condition of a write guarded by the version that was read, so that a concurrent change in between is refused
 * (a lost update) instead of overwritten; `undefined` means the item must not exist yet.
 */
export const versionGuard = (expectedVersion: number | undefined) =>
  expectedVersion === undefined
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } as Record<string, unknown> };

/** A Put of one item guarded by the version that was read (`undefined`: the item must not exist yet). */
export const versionedPut = <L extends string>(label: L, item: Record<string, unknown>, expectedVersion: number | undefined, about?: string): TransactItem<L> =>
  write(label, { Put: { TableName: tableName(), Item: item, ...versionGuard(expectedVersion) } }, about);

const MAX_ATTEMPTS = 8;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const refusalError = <L extends string>(items: TransactItem<L>[], refused: Set<number>, refusals: Refusals<L>, otherwise: () => Error): Error => {
  const failed = items.filter((_, i) => refused.has(i));
  for (const label of Object.keys(refusals) as L[]) {
    const mine = failed.filter((item) => item.label === label);
    const make = refusals[label];
    if (mine.length > 0 && make) return make(mine.map((item) => item.about ?? ''));
  }
  return otherwise();
};

/**
 * Writes the items atomically. A failed condition becomes the caller's error for its label; a conflict with another
 * transaction in flight (DynamoDB cancels one of two concurrent transactions on the same item) is retried, after
 * which the condition decides; still colliding after that is StillContended (503 with Retry-After).
 */
export const transactWrite = async <L extends string>(
  items: TransactItem<L>[],
  refusals: Refusals<L> = {},
  otherwise: () => Error = () => new LostUpdate(),
): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items.map((item) => item.write) }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const refused = new Set(reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : [])));
      if (refused.size > 0) throw refusalError(items, refused, refusals, otherwise);
      const conflicted = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflicted) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new StillContended();
      await pause(Math.random() * Math.min(400, 10 * 2 ** attempt));
    }
  }
};
