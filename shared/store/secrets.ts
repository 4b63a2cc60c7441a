/**
 * Secrets the functions read. The portal's session-signing secret: locally from the environment (SESSION_SECRET, which `npm start` keeps in the
 * data folder); in AWS from Secrets Manager (SESSION_SECRET_ARN) through the Parameters and Secrets Lambda
 * extension, which serves GetSecretValue on localhost with its own cache: no Secrets Manager client is bundled.
 * Read once per process.
 */
const EXTENSION_PORT = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';

let cached: Promise<Uint8Array> | undefined;

/**
 * A secret's value through the Parameters and Secrets extension (by ARN or name), or undefined when Secrets Manager
 * has no such secret. The extension caches what it serves.
 */
export const secretThroughExtension = async (secretId: string): Promise<string | undefined> => {
  const response = await fetch(`http://localhost:${EXTENSION_PORT}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (!response.ok) {
    if ((await response.text()).includes('ResourceNotFoundException')) return undefined;
    throw new Error(`The secrets extension answered ${response.status}`);
  }
  return ((await response.json()) as { SecretString?: string }).SecretString;
};

const load = async (): Promise<Uint8Array> => {
  const local = process.env.SESSION_SECRET;
  if (local) return new TextEncoder().encode(local);
  const arn = process.env.SESSION_SECRET_ARN;
  if (!arn) throw new Error('Neither SESSION_SECRET nor SESSION_SECRET_ARN is set');
  const secret = await secretThroughExtension(arn);
  if (!secret) throw new Error('The session secret is empty');
  return new TextEncoder().encode(secret);
};

export const sessionSecret = (): Promise<Uint8Array> => {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
};
