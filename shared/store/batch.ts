/** BatchGetItem and BatchWriteItem in chunks of their limits (100 and 25), retrying unprocessed keys. */
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import type { Keys } from './entities/item';

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6)));

export const batchGet = async (keys: Keys[], options: { consistent?: boolean } = {}): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Keys[] = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await backoff(attempt);
      const out = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: options.consistent } } }));
      found.push(...((out.Responses?.[tableName()] ?? []) as Record<string, unknown>[]));
      pending = (out.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Keys[];
    }
  }
  return found;
};

/** Deletes up to 25 items per call. Each item is deleted whole (with its index entries), so no half remains. */
export const batchDelete = async (keys: Keys[]): Promise<void> => {
  for (let i = 0; i < keys.length; i += 25) {
    type Request = { DeleteRequest: { Key: Keys } };
    let pending: Request[] = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await backoff(attempt);
      const out = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = (out.UnprocessedItems?.[tableName()] ?? []) as Request[];
    }
  }
};
