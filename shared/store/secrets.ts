/**
 * The portal's session-signing secret: locally from the environment (SESSION_SECRET, which `npm start` keeps in the
 * data folder); in AWS from Secrets Manager (SESSION_SECRET_ARN) through the Parameters and Secrets Lambda
 * extension, which serves GetSecretValue on localhost with its own cache: no Secrets Manager client is bundled.
 * Read once per process.
 */
const EXTENSION_PORT = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';

let cached: Promise<Uint8Array> | undefined;

const load = async (): Promise<Uint8Array> => {
  const local = process.env.SESSION_SECRET;
  if (local) return new TextEncoder().encode(local);
  const arn = process.env.SESSION_SECRET_ARN;
  if (!arn) throw new Error('Neither SESSION_SECRET nor SESSION_SECRET_ARN is set');
  const response = await fetch(`http://localhost:${EXTENSION_PORT}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (!response.ok) throw new Error(`The secrets extension answered ${response.status}`);
  const { SecretString } = (await response.json()) as { SecretString?: string };
  if (!SecretString) throw new Error('The session secret is empty');
  return new TextEncoder().encode(SecretString);
};

export const sessionSecret = (): Promise<Uint8Array> => {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
};
