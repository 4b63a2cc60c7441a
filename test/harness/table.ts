/** The table checker as the tests use it: the same reader and invariants as `npm run verify-table`. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#store/client';
import type { Item, Keys } from '#store/entities/item';
import { checkTable, type Finding } from '#store/table-check';
import { readTable } from '../../scripts/table-reader';

export const tableFindings = async (now = new Date()): Promise<Finding[]> =>
  checkTable(await readTable({ client: dynamo(), tableName: tableName(), readUnitsPerSecond: 1e9, consistent: true, pageSize: 10_000 }), now);

/** For a readable failure: the findings as `[invariant] message` lines. */
export const describeFindings = (findings: Finding[]): string[] => findings.map((f) => `[${f.invariant}] ${f.message}`);

export const getItem = async (keys: Keys): Promise<Item | undefined> =>
  (await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys, ConsistentRead: true }))).Item;
export const putItem = async (item: Item): Promise<void> => {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: item }));
};
export const deleteItem = async (keys: Keys): Promise<void> => {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: keys }));
};
