/**
 * The attachments bucket (ATTACHMENTS_BUCKET): where each file's bytes live, by prefix.
 * - `temporary/<upload id>`: uploaded, not attached yet; the bucket's lifecycle deletes these after a day.
 * - `requests/<issue id>/<upload id>`: attached through the API (a server-side copy of the temporary object).
 * - `mail/<SES message id>/<part>`: attached by an inbound message; a redelivery writes the same keys again.
 */
import { copyObject, getObject, headObject, presignGet, presignPost, putObject, type PresignedPost } from '#s3';

export const TEMPORARY_PREFIX = 'temporary/';

const bucket = (): string => {
  const name = process.env.ATTACHMENTS_BUCKET;
  if (!name) throw new Error('ATTACHMENTS_BUCKET is not set');
  return name;
};

export const temporaryObjectKey = (uploadId: string) => `${TEMPORARY_PREFIX}${uploadId}`;
export const requestObjectKey = (issueId: string, uploadId: string) => `requests/${issueId}/${uploadId}`;
export const mailObjectKey = (sesMessageId: string, part: number) => `mail/${sesMessageId}/${part}`;

export const storeFile = (objectKey: string, bytes: Uint8Array, mimeType: string) => putObject(bucket(), objectKey, bytes, mimeType);

/** An uploaded object's size and first bytes, to check and sniff it; undefined when nothing was uploaded. */
export const inspectFile = async (objectKey: string, headBytes: number): Promise<{ size: number; head: Buffer } | undefined> => {
  const found = await headObject(bucket(), objectKey);
  if (!found) return undefined;
  return { size: found.size, head: found.size === 0 ? Buffer.alloc(0) : ((await getObject(bucket(), objectKey, { bytes: Math.min(headBytes, found.size) })) ?? Buffer.alloc(0)) };
};

/** The temporary object copied where attached files live (the temporary one expires by itself). */
export const keepFile = (from: string, to: string) => copyObject(bucket(), from, to);

export const downloadUrl = (objectKey: string, options: { expiresInSeconds: number; contentType: string; contentDisposition: string }) =>
  presignGet(bucket(), objectKey, options);

export const uploadForm = (objectKey: string, options: { maxBytes: number; expiresInSeconds: number }): Promise<PresignedPost> =>
  presignPost(bucket(), objectKey, options);
