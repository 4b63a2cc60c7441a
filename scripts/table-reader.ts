/**
 * Reads a whole table, page by page, at a bounded rate: the one Scan of the project, for the table checker (an admin
 * tool, never a request path). Each page asks for its consumed capacity; the reader pauses after it so the average
 * stays under `readUnitsPerSecond`.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Item } from '#store/entities/item';

export interface ReadOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Read capacity units per second to stay under, on average. */
  readUnitsPerSecond: number;
  /** Items per page (Scan's Limit); a page also ends at 1 MB. */
  pageSize?: number;
  /** Strongly consistent reads (twice the capacity). */
  consistent?: boolean;
  onPage?: (page: { items: number; capacityUnits: number }) => void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const readTable = async (options: ReadOptions): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const started = Date.now();
    const out = await options.client.send(
      new ScanCommand({
        TableName: options.tableName,
        Limit: options.pageSize ?? 500,
        ConsistentRead: options.consistent ?? false,
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    const page = (out.Items ?? []) as Item[];
    items.push(...page);
    startKey = out.LastEvaluatedKey;
    const capacityUnits = out.ConsumedCapacity?.CapacityUnits ?? page.length / 2;
    options.onPage?.({ items: page.length, capacityUnits });
    const due = (capacityUnits / options.readUnitsPerSecond) * 1000 - (Date.now() - started);
    if (startKey && due > 0) await pause(due);
  } while (startKey);
  return items;
};
