/**
 * What DynamoDB Local reports as the capacity of a TransactWriteItems, measured in each run rather than assumed:
 * real DynamoDB charges 2 WCU per item per started KB, so N small items cost 2N.
 */
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '#local/dynamodb';
import { ensureTable } from '#local/table';

const TABLE = 'bench-calibration';
const ITEM_COUNTS = [1, 2, 4] as const;

export interface TransactionCalibration {
  /** Items of about 100 bytes each, written in one transaction, to a table with no index entries for them. */
  items: number;
  reportedCapacityUnits: number;
  realCapacityUnits: number;
}

export const calibrateTransactions = async (dynamoEndpoint: string): Promise<TransactionCalibration[]> => {
  const client = localDynamoClient(dynamoEndpoint);
  const documents = DynamoDBDocumentClient.from(client);
  try {
    await ensureTable(client, TABLE);
    const results: TransactionCalibration[] = [];
    for (const items of ITEM_COUNTS) {
      const out = await documents.send(
        new TransactWriteCommand({
          TransactItems: Array.from({ length: items }, (_, i) => ({
            Put: { TableName: TABLE, Item: { pk: `CALIBRATION#${items}#${i}`, sk: 'ITEM', filler: 'x'.repeat(80) } },
          })),
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      const reported = (out.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      results.push({ items, reportedCapacityUnits: reported, realCapacityUnits: 2 * items });
    }
    return results;
  } finally {
    client.destroy();
  }
};
