/**
 * The baseline of the bundle-size budget: the smallest useful Lambda on this stack, a middy handler doing one
 * DynamoDB GetItem through the document client. Bundled exactly like the API functions (bench/bundles.ts).
 */
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = middy(async (event: { pk: string; sk: string }) => {
  const out = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.pk, sk: event.sk } }));
  return out.Item ?? null;
});
