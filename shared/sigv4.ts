/**
 * AWS Signature Version 4 for the calls made without an SDK client: S3 (`shared/s3.ts`) and SES
 * (`shared/mail/ses.ts`). @smithy/signature-v4 is bundled already by the DynamoDB client; an SDK client of its own
 * adds 30 to 150 KB to every function that sends mail or touches S3 (bench/results.md).
 * A leaf only the two AWS layers (and shared/s3.ts) may import.
 */
import { createHash, createHmac } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';

const bytesOf = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** SHA-256 (and HMAC-SHA-256 with a key) in the shape SignatureV4 expects, from node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export const awsRegion = (): string => process.env.AWS_REGION ?? 'us-east-1';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Lambda puts the function's credentials in its environment; a local emulator takes its own fixed pair. */
export const credentialsFrom = (local: Credentials | undefined) => async (): Promise<Credentials> => {
  if (local) return local;
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new Error('No AWS credentials in the environment');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
};

export const signerFor = (service: string, credentials: () => Promise<Credentials>, options: { uriEscapePath?: boolean } = {}) =>
  new SignatureV4({ service, region: awsRegion(), credentials, sha256: Sha256, uriEscapePath: options.uriEscapePath ?? true, applyChecksum: false });

/** The request SignatureV4 signs, for a call to `url`. */
export const requestOf = (method: string, url: URL, headers: Record<string, string>) => ({
  method,
  protocol: url.protocol,
  hostname: url.hostname,
  port: url.port ? Number(url.port) : undefined,
  path: url.pathname,
  query: Object.fromEntries(url.searchParams),
  headers: { host: url.host, ...headers },
});

export interface AwsAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Connections are kept open between calls, as the SDK's clients keep theirs; an idle one is closed after 4 s. */
const agents = { 'http:': new HttpAgent({ keepAlive: true, timeout: 4_000 }), 'https:': new HttpsAgent({ keepAlive: true, timeout: 4_000 }) };

export class CallDeadline extends Error {}

/**
 * The transport of every signed call, an object so that the bench can observe it and tests inject faults. node:http
 * rather than fetch: a call through fetch costs about five times the CPU (measured with a local server), and the
 * mail confirming each new request is on the request path. The deadline covers the whole call: name lookup,
 * connection, request and answer.
 */
export const awsHttp = {
  send(url: URL, method: string, headers: Record<string, string>, body: Uint8Array | string | undefined, deadlineMs: number): Promise<AwsAnswer> {
    const call = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = call(url, { method, headers, agent: agents[url.protocol as keyof typeof agents] }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      });
      const timer = setTimeout(() => req.destroy(new CallDeadline(`${method} ${url.host} took over ${deadlineMs} ms`)), deadlineMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
  },
};

export interface CallOptions {
  /** The whole call's time, retries included (default 8 s; API functions stop after 10 s). */
  deadlineMs?: number;
  /** Answers worth another attempt (default: 5xx and 429). */
  retryable?: (answer: AwsAnswer) => boolean;
}

const ATTEMPTS = 3;
/** Failures of the connection, not of the call: a kept-alive socket the server closed, a refused or reset one. */
const TRANSIENT = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN']);
const transient = (error: unknown) =>
  !(error instanceof CallDeadline) && (TRANSIENT.has((error as { code?: string }).code ?? '') || (error as Error).message === 'socket hang up');
/** The service's own trouble, worth another attempt: 5xx, or 429. */
export const serverTrouble = (answer: AwsAnswer) => answer.status >= 500 || answer.status === 429;
export const succeeded = (answer: AwsAnswer) => answer.status >= 200 && answer.status < 300;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));

/**
 * One signed call (the Host header is the transport's to set), tried up to three times, as the SDK's clients do, when
 * the connection fails or the service answers it is in trouble, within the deadline. A repeated SES send may
 * deliver twice, as with the SDK.
 */
export const signedCall = async (
  signer: SignatureV4,
  method: string,
  url: URL,
  headers: Record<string, string>,
  body?: Uint8Array | string,
  options: CallOptions = {},
): Promise<AwsAnswer> => {
  const length = body === undefined ? undefined : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  const sized = length === undefined ? headers : { ...headers, 'content-length': String(length) };
  const signed = await signer.sign({ ...requestOf(method, url, sized), ...(body !== undefined ? { body } : {}) });
  const { host: _host, ...sent } = signed.headers;
  const until = Date.now() + (options.deadlineMs ?? 8_000);
  const retryable = options.retryable ?? serverTrouble;
  for (let attempt = 1; ; attempt += 1) {
    const last = attempt === ATTEMPTS;
    try {
      const answer = await awsHttp.send(url, method, sent, body, Math.max(1, until - Date.now()));
      if (last || !retryable(answer) || Date.now() >= until) return answer;
    } catch (error) {
      if (last || !transient(error) || Date.now() >= until) throw error;
    }
    await pause(attempt);
  }
};
