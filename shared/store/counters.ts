/**
 * Numeric ids from a counter, written in the same transaction as the item they number: the counter moves from
 * the value read to the next one only if nobody moved it first, so ids are unique and gapless. Contention retries.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { counterKeys, type CounterName } from './keys';
import { transactWrite, type FailedConditions, type TransactItem } from './transact';

const MAX_ATTEMPTS = 25;

class CounterMoved extends Error {}

const counterItem = (name: CounterName, current: number): TransactItem =>
  current === 0
    ? { Put: { TableName: tableName(), Item: { ...counterKeys(name), entity: 'counter', value: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } }
    : {
        Update: {
          TableName: tableName(),
          Key: counterKeys(name),
          UpdateExpression: 'SET #v = :next',
          ConditionExpression: '#v = :current',
          ExpressionAttributeNames: { '#v': 'value' },
          ExpressionAttributeValues: { ':next': current + 1, ':current': current },
        },
      };

/**
 * Writes `build(id)` with the next id of the counter. `onConditionFailed` gets the failed indexes of the built
 * items (the counter's own index is not among them).
 */
export const writeWithNextId = async (
  name: CounterName,
  build: (id: string) => TransactItem[],
  onConditionFailed: (failed: FailedConditions) => Error,
): Promise<string> => {
  for (let attempt = 1; ; attempt += 1) {
    const read = await dynamo().send(new GetCommand({ TableName: tableName(), Key: counterKeys(name), ConsistentRead: true }));
    const current = (read.Item?.value as number | undefined) ?? 0;
    const id = String(current + 1);
    try {
      await transactWrite([counterItem(name, current), ...build(id)], (failed) => {
        // The counter moved: someone else took this id, so whatever else failed may be about that id. Retry.
        if (failed.has(0)) return new CounterMoved();
        return onConditionFailed(new Set([...failed].map((i) => i - 1)));
      });
      return id;
    } catch (error) {
      if (!(error instanceof CounterMoved) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(attempt, 5)));
    }
  }
};
