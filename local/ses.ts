/** The local SES (npm aws-ses-v2-local), in-process: SendRawEmail and friends, a web inbox at `/`, JSON at `/store`. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';

// The package is CommonJS with `exports.default`: Node's ESM loader hands over the whole exports object, a
// CommonJS transform (jest) the function itself.
const sesServer = (sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule;

export interface RunningSes {
  endpoint: string;
  stop(): Promise<void>;
}

export const startLocalSes = async (port: number): Promise<RunningSes> => {
  const server: Server = await sesServer({ host: '127.0.0.1', port });
  const actual = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
