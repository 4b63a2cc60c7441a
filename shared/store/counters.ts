/**
 * Numeric ids from counters, written in the same transaction as the item they number: each counter moves from
 * the value read to the next one only if nobody moved it first, so ids are unique and gapless. Contention retries.
 */
import { batchGet } from './batch';
import { tableName } from './client';
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

const readCounters = async (names: CounterName[]): Promise<number[]> => {
  const items = await batchGet(names.map(counterKeys), { consistent: true });
  const values = new Map(items.map((i) => [i.pk as string, i.value as number]));
  return names.map((n) => values.get(counterKeys(n).pk) ?? 0);
};

/**
 * Writes `build(ids)` with the next id of each counter. `onConditionFailed` gets the failed indexes of the built
 * items (the counters' own indexes are not among them).
 */
export const writeWithNextIds = async (
  names: CounterName[],
  build: (ids: string[]) => TransactItem[],
  onConditionFailed: (failed: FailedConditions) => Error,
): Promise<string[]> => {
  for (let attempt = 1; ; attempt += 1) {
    const current = await readCounters(names);
    const ids = current.map((c) => String(c + 1));
    try {
      await transactWrite([...names.map((n, i) => counterItem(n, current[i] ?? 0)), ...build(ids)], (failed) => {
        // A counter moved: someone else took this id, so whatever else failed may be about that id. Retry.
        if ([...failed].some((i) => i < names.length)) return new CounterMoved();
        return onConditionFailed(new Set([...failed].map((i) => i - names.length)));
      });
      return ids;
    } catch (error) {
      if (!(error instanceof CounterMoved) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(attempt, 5)));
    }
  }
};

export const writeWithNextId = async (
  name: CounterName,
  build: (id: string) => TransactItem[],
  onConditionFailed: (failed: FailedConditions) => Error,
): Promise<string> => {
  const [id] = await writeWithNextIds([name], ([only]) => build(only ?? ''), onConditionFailed);
  return id ?? '';
};
