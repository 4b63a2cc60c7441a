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

export interface ApiOptions {
  port: number;
  host?: string;
  tableName: string;
  dynamoEndpoint: string;
  /** Runs once the table exists, before the port answers: what must be ready before the first request (the bootstrap admin). */
  beforeListen?: () => Promise<void>;
}

export const startApi = async (options: ApiOptions): Promise<RunningApi> => {
  // The handlers read their configuration from the environment, exactly as in Lambda.
  process.env.TABLE_NAME = options.tableName;
  process.env.DYNAMODB_ENDPOINT = options.dynamoEndpoint;
  process.env.AWS_REGION ??= 'local';
  const client = localDynamoClient(options.dynamoEndpoint);
  await ensureTable(client, options.tableName);
  client.destroy();
  await options.beforeListen?.();

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
