/**
 * Raw inbound messages in S3: SES's receipt rule stores each message there (S3 action) before the inbound function
 * runs; locally the SMTP listener stores it in the local S3 (s3rver). S3_ENDPOINT points at the local one.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

let client: S3Client | undefined;
let clientEndpoint: string | undefined;
const s3 = (): S3Client => {
  const endpoint = process.env.S3_ENDPOINT;
  // Tests and the local runtime may point at another local S3 after the first call: follow the variable.
  if (client && clientEndpoint === endpoint) return client;
  client?.destroy();
  clientEndpoint = endpoint;
  client = new S3Client(
    endpoint
      ? { endpoint, forcePathStyle: true, region: process.env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
      : {},
  );
  return client;
};

/** The raw bytes of one stored message. */
export const getRawMessage = async (bucket: string | undefined, key: string): Promise<Buffer> => {
  if (!bucket) throw new Error('INBOUND_BUCKET is not set');
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!out.Body) throw new Error(`s3://${bucket}/${key} has no body`);
  return Buffer.from(await out.Body.transformToByteArray());
};

/** Stores one raw message (the local SMTP listener; in AWS SES's S3 action does this). */
export const putRawMessage = async (bucket: string, key: string, body: Buffer | Uint8Array | string): Promise<void> => {
  await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'message/rfc822' }));
};
