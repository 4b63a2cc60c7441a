/**
 * The local S3 (npm s3rver), in-process, files under the data folder: raw inbound messages land in bucket
 * `inbound-mail`, attachments in bucket `attachments` (as the two buckets of the stack in AWS).
 */
import { mkdirSync } from 'node:fs';
import s3rverModule from 's3rver';

// s3rver is CommonJS (`module.exports = S3rver`), so Node's ESM loader and jest's CommonJS transform both hand over
// the class itself. Unlike local/ses.ts, do not prefer `.default`: the class inherits a static `default` (plain Koa)
// from its base class. Only a `{ default }` wrapper object is unwrapped.
const S3rver =
  typeof s3rverModule === 'function' ? s3rverModule : (s3rverModule as unknown as { default: typeof s3rverModule }).default;

export const INBOUND_BUCKET = 'inbound-mail';
export const INBOUND_PREFIX = 'inbound/';
export const ATTACHMENTS_BUCKET = 'attachments';

/** The portal downloads attachments (fetch, following the API's redirect) and uploads large ones straight to S3. */
const ATTACHMENTS_CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>Content-Disposition</ExposeHeader></CORSRule></CORSConfiguration>`;

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
    configureBuckets: (options.buckets ?? [INBOUND_BUCKET, ATTACHMENTS_BUCKET]).map((name) => ({ name, ...(name === ATTACHMENTS_BUCKET ? { configs: [ATTACHMENTS_CORS] } : {}) })),
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: () => server.close(),
  };
};
