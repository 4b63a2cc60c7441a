/**
 * One JSM page from one Query. `start` is honoured by reading past the skipped items in the same Query
 * (Limit = start + limit + 1); the next link carries a cursor instead, so following `_links.next` costs one
 * Query whatever the offset. A filter can make DynamoDB return fewer items than asked; only then it reads on.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { BadRequest } from '#errors';
import { dynamo, tableName } from './client';
import type { Item } from './entities/item';
import type { Page } from '#model/page';
import { INDEXES, TABLE_KEYS, type IndexName } from './table-spec';

export interface PageQuery {
  index?: IndexName;
  partitionValue: string;
  /** begins_with on the sort key. */
  sortPrefix?: string;
  filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
  newestFirst?: boolean;
  /**
   * At most this many stored items per value returned (2 for the directory search, where an account can have an
   * email entry and a name entry in range): the Query reads that much more, so the filter cannot starve the page.
   */
  itemsPerValue?: number;
  start: number;
  limit: number;
  cursor?: string | undefined;
}

const keyNames = (index?: IndexName): string[] =>
  index ? [TABLE_KEYS.partition, TABLE_KEYS.sort, INDEXES[index].partition, INDEXES[index].sort] : [TABLE_KEYS.partition, TABLE_KEYS.sort];

const encodeCursor = (item: Item, index?: IndexName): string =>
  Buffer.from(JSON.stringify(Object.fromEntries(keyNames(index).map((k) => [k, item[k]])))).toString('base64url');

const decodeCursor = (cursor: string, q: PageQuery): Item => {
  const names = keyNames(q.index);
  const partitionName = q.index ? INDEXES[q.index].partition : TABLE_KEYS.partition;
  const sortName = q.index ? INDEXES[q.index].sort : TABLE_KEYS.sort;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Item;
    const valid =
      typeof key === 'object' &&
      key !== null &&
      Object.keys(key).length === names.length &&
      names.every((n) => typeof key[n] === 'string') &&
      key[partitionName] === q.partitionValue &&
      // A cursor from another list (another search term, say) must not reach DynamoDB as a start key.
      (q.sortPrefix === undefined || (key[sortName] as string).startsWith(q.sortPrefix));
    if (valid) return key;
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequest('The cursor parameter is not valid for this list', 'sd.error.invalid.cursor');
};

export const queryPage = async (q: PageQuery): Promise<Page<Item>> => {
  const spec = q.index ? INDEXES[q.index] : { partition: TABLE_KEYS.partition, sort: TABLE_KEYS.sort };
  const skip = q.cursor ? 0 : q.start;
  const wanted = skip + q.limit + 1;
  const names: Record<string, string> = { '#p': spec.partition, ...q.filter?.names };
  const values: Record<string, unknown> = { ':p': q.partitionValue, ...q.filter?.values };
  let keyCondition = '#p = :p';
  if (q.sortPrefix !== undefined) {
    names['#s'] = spec.sort;
    values[':s'] = q.sortPrefix;
    keyCondition += ' AND begins_with(#s, :s)';
  }
  const matched: Item[] = [];
  let exclusiveStartKey = q.cursor ? decodeCursor(q.cursor, q) : undefined;
  do {
    const input: QueryCommandInput = {
      TableName: tableName(),
      IndexName: q.index ? INDEXES[q.index].name : undefined,
      KeyConditionExpression: keyCondition,
      FilterExpression: q.filter?.expression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: !q.newestFirst,
      ExclusiveStartKey: exclusiveStartKey,
      Limit: (wanted - matched.length) * (q.itemsPerValue ?? 1),
    };
    const out = await dynamo().send(new QueryCommand(input));
    matched.push(...((out.Items ?? []) as Item[]));
    exclusiveStartKey = out.LastEvaluatedKey as Item | undefined;
  } while (exclusiveStartKey && matched.length < wanted);

  const page = matched.slice(skip, skip + q.limit);
  const isLastPage = matched.length <= skip + q.limit;
  const last = page[page.length - 1];
  return { values: page, isLastPage, nextCursor: !isLastPage && last ? encodeCursor(last, q.index) : undefined };
};

/** Every item of a Query, following LastEvaluatedKey: for short lists read whole (a few pages at most). */
export const queryAll = async (input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const out = await dynamo().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: startKey }));
    items.push(...((out.Items ?? []) as Item[]));
    startKey = out.LastEvaluatedKey as Item | undefined;
  } while (startKey);
  return items;
};

/** Query input for one partition of an index (or of the table), optionally a begins_with on its sort key. */
export const partitionQuery = (partitionValue: string, options: { index?: IndexName; sortPrefix?: string; projection?: string } = {}) => {
  const spec = options.index ? INDEXES[options.index] : { partition: TABLE_KEYS.partition, sort: TABLE_KEYS.sort };
  return {
    ...(options.index ? { IndexName: INDEXES[options.index].name } : {}),
    KeyConditionExpression: options.sortPrefix === undefined ? '#p = :p' : '#p = :p AND begins_with(#s, :s)',
    ExpressionAttributeNames: { '#p': spec.partition, ...(options.sortPrefix === undefined ? {} : { '#s': spec.sort }) },
    ExpressionAttributeValues: { ':p': partitionValue, ...(options.sortPrefix === undefined ? {} : { ':s': options.sortPrefix }) },
    ...(options.projection ? { ProjectionExpression: options.projection } : {}),
  };
};
