/** The local API: point the handlers at a table, create it if missing, and serve the route table over HTTP. */
import type { AddressInfo } from 'node:net';
import { createGateway } from './gateway';
import { localDynamoClient } from './dynamodb';
import { ensureTable } from './table';

export interface RunningApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const startApi = async (options: { port: number; host?: string; tableName: string; dynamoEndpoint: string }): Promise<RunningApi> => {
  // The handlers read their configuration from the environment, exactly as in Lambda.
  process.env.TABLE_NAME = options.tableName;
  process.env.DYNAMODB_ENDPOINT = options.dynamoEndpoint;
  process.env.AWS_REGION ??= 'local';
  const client = localDynamoClient(options.dynamoEndpoint);
  await ensureTable(client, options.tableName);
  client.destroy();

  const server = createGateway();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
