/**
 * The portal's session-signing secret: from Secrets Manager in AWS (SESSION_SECRET_ARN), from the environment
 * locally (SESSION_SECRET, which `npm start` keeps in the data folder). Read once per process.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let cached: Promise<Uint8Array> | undefined;

const load = async (): Promise<Uint8Array> => {
  const local = process.env.SESSION_SECRET;
  if (local) return new TextEncoder().encode(local);
  const arn = process.env.SESSION_SECRET_ARN;
  if (!arn) throw new Error('Neither SESSION_SECRET nor SESSION_SECRET_ARN is set');
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!out.SecretString) throw new Error('The session secret is empty');
  return new TextEncoder().encode(out.SecretString);
};

export const sessionSecret = (): Promise<Uint8Array> => {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
};
