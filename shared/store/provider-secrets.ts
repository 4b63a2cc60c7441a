/**
 * Identity providers' client secrets. In AWS each is a Secrets Manager secret named `<IDP_SECRET_PREFIX><provider id>`
 * (the function's grants cover that prefix only); locally (`LOCAL_SECRETS_DIR`, which `npm start` points into the data
 * folder) a file of that folder, readable by its owner only. The table never holds a client secret. Writing is the
 * admin side's (the identity function, with a Secrets Manager client); the relying party only reads
 * (provider-secret-reader.ts, through the secrets extension).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

let client: SecretsManagerClient | undefined;
const secretsManager = () => (client ??= new SecretsManagerClient({}));

import { localDir, localFile, providerSecretName, readProviderSecret } from './provider-secret-reader';

const isNotFound = (error: unknown) => (error as Error).name === 'ResourceNotFoundException';

/** Creates or replaces the secret (a retry writes the same value again). */
export const putProviderSecret = async (providerId: string, secret: string): Promise<void> => {
  const dir = localDir();
  if (dir) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(localFile(dir, providerId), secret, { mode: 0o600 });
    return;
  }
  const name = providerSecretName(providerId);
  try {
    await secretsManager().send(new PutSecretValueCommand({ SecretId: name, SecretString: secret }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await secretsManager().send(new CreateSecretCommand({ Name: name, SecretString: secret, Description: `Client secret of identity provider ${providerId}` }));
  }
};

/** The secret, or undefined when none is stored (the admin side: the Secrets Manager client it has anyway). */
export const storedProviderSecret = async (providerId: string): Promise<string | undefined> => {
  const dir = localDir();
  if (dir) return readProviderSecret(providerId);
  try {
    const out = await secretsManager().send(new GetSecretValueCommand({ SecretId: providerSecretName(providerId) }));
    return out.SecretString;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
};

export const deleteProviderSecret = async (providerId: string): Promise<void> => {
  const dir = localDir();
  if (dir) return rm(localFile(dir, providerId), { force: true });
  try {
    // Without a recovery window, so the same provider id can be configured again at once.
    await secretsManager().send(new DeleteSecretCommand({ SecretId: providerSecretName(providerId), ForceDeleteWithoutRecovery: true }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
};
