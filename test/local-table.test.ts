/** The local table `npm start` keeps in .data: made from the same spec as the CDK table, and refused when an older version made it. */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../local/dynamodb';
import { ensureTable } from '../local/table';

const client = localDynamoClient(process.env.TEST_DYNAMODB_ENDPOINT!);
afterAll(() => client.destroy());

describe('the local table', () => {
  it('is created with the spec indexes once, then found as it is', async () => {
    const name = `local-table-${Date.now()}`;
    await expect(ensureTable(client, name)).resolves.toBe('created');
    await expect(ensureTable(client, name)).resolves.toBe('existing');
  });

  it('made by a version with the old index names stops start-up, telling to run npm run reset', async () => {
    const name = `old-table-${Date.now()}`;
    const key = (n: string) => [{ AttributeName: `${n}pk`, KeyType: 'HASH' as const }, { AttributeName: `${n}sk`, KeyType: 'RANGE' as const }];
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        GlobalSecondaryIndexes: [{ IndexName: 'GSI1', KeySchema: key('gsi1'), Projection: { ProjectionType: 'ALL' } }],
      }),
    );
    await expect(ensureTable(client, name)).rejects.toThrow(/indexes GSI1 instead of relations, lists, selections\).*npm run reset/);
  });
});
