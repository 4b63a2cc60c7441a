/**
 * Numeric ids from counters: one atomic UpdateItem (ADD, returning the new value) per id, taken before the
 * transaction that writes what it numbers. Every value is handed out once, so ids are unique; a write that fails
 * afterwards leaves a gap, which is acceptable (JSM's numbers have gaps too). No read-then-write, so no retry loop.
 * No counter is moved by every create on the site: requests are numbered per desk, comments per request.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { COUNTER_ENTITY, counterKeys, counterSchema, type CounterName } from './entities/counter';

/** The next value of one counter (a desk's request numbers, a request's comments, the desks, the organizations...). */
export const nextId = async (name: CounterName): Promise<string> => String((await takeIds(name, 1)).last);

/** `count` values of one counter at once, first to last: one atomic ADD hands them all to this caller. */
export const takeIds = async (name: CounterName, count: number): Promise<{ first: number; last: number }> => {
  const out = await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: counterKeys(name),
      UpdateExpression: 'SET #v = if_not_exists(#v, :zero) + :count, entity = :entity',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':zero': 0, ':count': count, ':entity': COUNTER_ENTITY },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const last = counterSchema.parse(out.Attributes).value;
  return { first: last - count + 1, last };
};
