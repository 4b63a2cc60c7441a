/** Creates the single table in DynamoDB Local from the same spec CDK uses, when it is missing. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { ALL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '#store/table-spec';

/** The index names a table has that the spec does not, and the spec's it lacks: both empty when they agree. */
const indexDifferences = (existing: string[]): { extra: string[]; missing: string[] } => ({
  extra: existing.filter((name) => !ALL_INDEXES.some((i) => i.name === name)),
  missing: ALL_INDEXES.map((i) => i.name).filter((name) => !existing.includes(name)),
});

/**
 * Creates the table when it is missing. An existing table made by an older version (other index names) is not
 * changed: its data would not be found through the new indexes, so start-up stops and says how to start afresh.
 */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<'created' | 'existing'> => {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const { extra, missing } = indexDifferences((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? ''));
    if (extra.length > 0 || missing.length > 0) {
      throw new Error(
        `The local table ${tableName} was made by an older version (indexes ${extra.join(', ') || 'none'} instead of ${missing.join(', ')}): ` +
          'stop npm start and run `npm run reset` to start with an empty table (docs/operations.md, "Renaming the indexes").',
      );
    }
    return 'existing';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const attributes = new Set<string>([TABLE_KEYS.partition, TABLE_KEYS.sort, ...ALL_INDEXES.flatMap((i) => [i.partition, i.sort])]);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEYS.partition, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sort, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: ALL_INDEXES.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partition, KeyType: 'HASH' },
          { AttributeName: i.sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
  );
  return 'created';
};
