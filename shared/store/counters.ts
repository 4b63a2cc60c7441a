/**
 * Numeric ids from counters: one atomic UpdateItem (ADD, returning the new value) per id, taken before the
 * transaction that writes what it numbers. Every value is handed out once, so ids are unique; a write that fails
 * afterwards leaves a gap, which is acceptable (JSM's numbers have gaps too). No read-then-write, so no retry loop.
 *
 * A counter that every create of a kind would move is a hot item; those are sharded: a random one of SHARDS items
 * moves, and the id is `value * SHARDS + shard`, unique because each shard's values are.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { counterKeys, type CounterName } from './keys';

const SHARDS = 16;
/** Sharded counters start here, clear of the ids the earlier single counters handed out. */
const SHARDED_START = 1_000_000;

const increment = async (name: CounterName | `${CounterName}#${number}`, start = 0): Promise<number> => {
  const out = await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: counterKeys(name),
      UpdateExpression: 'SET #v = if_not_exists(#v, :start) + :one, entity = :entity',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':start': start, ':one': 1, ':entity': 'counter' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return out.Attributes?.value as number;
};

/** The next value of one counter (a desk's request numbers, the desks, the organizations...). */
export const nextId = async (name: CounterName): Promise<string> => String(await increment(name));

/** An id from a sharded counter: for kinds created everywhere at once (comments). */
export const nextShardedId = async (name: CounterName): Promise<string> => {
  const shard = Math.floor(Math.random() * SHARDS);
  return String((await increment(`${name}#${shard}` as const, SHARDED_START)) * SHARDS + shard);
};
