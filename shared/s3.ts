/**
 * S3 by signed HTTP requests (`shared/sigv4.ts`).
 * The S3 client of the AWS SDK with its presigner would add ~150 KB to a function's bundle (bench/results.md); the
 * few calls the product makes (put, get, head, copy, presigned GET and POST) fit in this module. S3_ENDPOINT points
 * at a local S3 (s3rver, path-style); in AWS the bucket's regional endpoint is used.
 * A leaf below both AWS layers: shared/store (the attachments bucket) and shared/mail (raw inbound messages) use it,
 * and nothing above them may (eslint.config.js).
 */
import { createHmac } from 'node:crypto';
import { awsRegion as region, credentialsFrom, requestOf, signedCall, signerFor, succeeded, type AwsAnswer } from './sigv4';

const localEndpoint = () => process.env.S3_ENDPOINT;
/** A local S3 (s3rver) takes its fixed pair. */
const credentials = () => credentialsFrom(localEndpoint() ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } : undefined)();
const signer = () => signerFor('s3', credentials, { uriEscapePath: false });

const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');

/** Where an object lives: path-style on the local S3, virtual-hosted on AWS. */
const objectUrl = (bucket: string, key = ''): URL => {
  const local = localEndpoint();
  return local ? new URL(`${local.replace(/\/$/, '')}/${bucket}/${encodeKey(key)}`) : new URL(`https://${bucket}.s3.${region()}.amazonaws.com/${encodeKey(key)}`);
};

const bucketUrl = (bucket: string): string => {
  const local = localEndpoint();
  return local ? `${local.replace(/\/$/, '')}/${bucket}` : `https://${bucket}.s3.${region()}.amazonaws.com`;
};

export class S3Failure extends Error {
  constructor(readonly status: number, what: string) {
    super(`S3 ${what} answered ${status}`);
  }
}

/** One signed call; the payload is not hashed (UNSIGNED-PAYLOAD: the connection is TLS in AWS). */
const send = (method: string, url: URL, headers: Record<string, string> = {}, body?: Uint8Array): Promise<AwsAnswer> =>
  signedCall(signer(), method, url, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers }, body);

const ok = (answer: AwsAnswer, what: string): AwsAnswer => {
  if (succeeded(answer)) return answer;
  throw new S3Failure(answer.status, what);
};

export const putObject = async (bucket: string, key: string, body: Uint8Array, contentType: string): Promise<void> => {
  ok(await send('PUT', objectUrl(bucket, key), { 'content-type': contentType }, body), `PUT ${key}`);
};

/** The object's bytes (or the first `range.bytes` of them); undefined when it does not exist. */
export const getObject = async (bucket: string, key: string, range?: { bytes: number }): Promise<Buffer | undefined> => {
  const answer = await send('GET', objectUrl(bucket, key), range ? { range: `bytes=0-${range.bytes - 1}` } : {});
  if (answer.status === 404) return undefined;
  return ok(answer, `GET ${key}`).body;
};

/** The object's size; undefined when it does not exist. */
export const headObject = async (bucket: string, key: string): Promise<{ size: number } | undefined> => {
  const answer = await send('HEAD', objectUrl(bucket, key));
  if (answer.status === 404) return undefined;
  return { size: Number(ok(answer, `HEAD ${key}`).headers['content-length'] ?? 0) };
};

/** A server-side copy within the bucket (up to 5 GB): no byte passes through the function. */
export const copyObject = async (bucket: string, from: string, to: string): Promise<void> => {
  const answer = ok(await send('PUT', objectUrl(bucket, to), { 'x-amz-copy-source': `/${bucket}/${encodeKey(from)}` }), `COPY ${from}`);
  // S3 can answer 200 with an error document when a copy fails midway.
  if (answer.body.toString('utf8').includes('<Error>')) throw new S3Failure(500, `COPY ${from}`);
};

/** A GET URL anyone holding it may use until it expires, with the headers S3 is to answer with. */
export const presignGet = async (
  bucket: string,
  key: string,
  options: { expiresInSeconds: number; contentType: string; contentDisposition: string },
): Promise<string> => {
  const url = objectUrl(bucket, key);
  url.searchParams.set('response-content-type', options.contentType);
  url.searchParams.set('response-content-disposition', options.contentDisposition);
  const signed = await signer().presign(requestOf('GET', url, {}), { expiresIn: options.expiresInSeconds });
  // RFC 3986 encoding, as SigV4 canonicalizes the query (URLSearchParams would write a space as "+").
  const query = Object.entries(signed.query ?? {}).map(([name, value]) => `${rfc3986(name)}=${rfc3986(String(value))}`).join('&');
  return `${url.origin}${url.pathname}?${query}`;
};

export interface PresignedPost {
  url: string;
  /** Form fields to send before the file field, in this order. */
  fields: Record<string, string>;
}

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * A browser-based upload (POST policy, SigV4): one object at `key`, of at most `maxBytes`, until it expires. S3
 * checks the policy; the registration that follows checks the object again (a local S3 does not enforce policies).
 */
export const presignPost = async (bucket: string, key: string, options: { maxBytes: number; expiresInSeconds: number }): Promise<PresignedPost> => {
  const now = new Date();
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const { accessKeyId, secretAccessKey, sessionToken } = await credentials();
  const credential = `${accessKeyId}/${day}/${region()}/s3/aws4_request`;
  const fields: Record<string, string> = {
    key,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': amzDate,
    ...(sessionToken ? { 'x-amz-security-token': sessionToken } : {}),
  };
  const policy = Buffer.from(
    JSON.stringify({
      expiration: new Date(now.getTime() + options.expiresInSeconds * 1000).toISOString(),
      conditions: [{ bucket }, ['content-length-range', 1, options.maxBytes], ...Object.entries(fields).map(([k, v]) => ({ [k]: v }))],
    }),
  ).toString('base64');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region()), 's3'), 'aws4_request');
  return { url: bucketUrl(bucket), fields: { ...fields, policy, 'x-amz-signature': hmac(signingKey, policy).toString('hex') } };
};
