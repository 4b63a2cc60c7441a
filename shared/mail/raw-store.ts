/**
 * Raw inbound messages in S3: SES's receipt rule stores each message there (S3 action) before the inbound function
 * runs; locally the SMTP listener stores it in the local S3 (s3rver). S3_ENDPOINT points at the local one.
 */
import { getObject, putObject } from '#s3';

/** The raw bytes of one stored message. */
export const getRawMessage = async (bucket: string | undefined, key: string): Promise<Buffer> => {
  if (!bucket) throw new Error('INBOUND_BUCKET is not set');
  const raw = await getObject(bucket, key);
  if (!raw) throw new Error(`s3://${bucket}/${key} does not exist`);
  return raw;
};

/** Stores one raw message (the local SMTP listener; in AWS SES's S3 action does this). */
export const putRawMessage = async (bucket: string, key: string, body: Buffer | Uint8Array | string): Promise<void> => {
  await putObject(bucket, key, typeof body === 'string' ? Buffer.from(body) : body, 'message/rfc822');
};
