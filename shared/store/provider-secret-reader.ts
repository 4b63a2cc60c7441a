/**
 * Reading an identity provider's client secret at sign-in: locally a file of LOCAL_SECRETS_DIR, in AWS the secret
 * `<IDP_SECRET_PREFIX><provider id>` through the Parameters and Secrets extension, so the relying party's bundle
 * carries no Secrets Manager client. provider-secrets.ts writes them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { secretThroughExtension } from './secrets';

export const localDir = (): string | undefined => process.env.LOCAL_SECRETS_DIR || undefined;
export const localFile = (dir: string, providerId: string) => join(dir, `identity-provider-${providerId}`);

export const providerSecretName = (providerId: string): string => {
  const prefix = process.env.IDP_SECRET_PREFIX;
  if (!prefix) throw new Error('Neither LOCAL_SECRETS_DIR nor IDP_SECRET_PREFIX is set');
  return `${prefix}${providerId}`;
};

/** The secret, or undefined when none is stored for this provider. */
export const readProviderSecret = async (providerId: string): Promise<string | undefined> => {
  const dir = localDir();
  if (dir) return readFile(localFile(dir, providerId), 'utf8').catch(() => undefined);
  return secretThroughExtension(providerSecretName(providerId));
};
