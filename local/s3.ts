/** The local S3 (npm s3rver), in-process: raw inbound messages land in bucket `inbound-mail`, files under the data folder. */
import { mkdirSync } from 'node:fs';
import s3rverModule from 's3rver';

// s3rver is CommonJS (`module.exports = S3rver`), so Node's ESM loader and jest's CommonJS transform both hand over
// the class itself. Unlike local/ses.ts, do not prefer `.default`: the class inherits a static `default` (plain Koa)
// from its base class. Only a `{ default }` wrapper object is unwrapped.
const S3rver =
  typeof s3rverModule === 'function' ? s3rverModule : (s3rverModule as unknown as { default: typeof s3rverModule }).default;

export const INBOUND_BUCKET = 'inbound-mail';
export const INBOUND_PREFIX = 'inbound/';

export interface RunningS3 {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export const startLocalS3 = async (options: { port: number; directory: string; buckets?: string[] }): Promise<RunningS3> => {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    silent: true,
    directory: options.directory,
    configureBuckets: (options.buckets ?? [INBOUND_BUCKET]).map((name) => ({ name })),
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: () => server.close(),
  };
};
