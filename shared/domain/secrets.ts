/** Random secrets: 256-bit, shown once, stored as SHA-256 hashes, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newSecret = (): string => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export const secretMatches = (secret: string, storedHash: string): boolean => {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
};

/** Opaque account ids, shaped like Atlassian's (24 hex characters). */
export const newAccountId = (): string => randomBytes(12).toString('hex');
export const newEventId = (): string => randomBytes(8).toString('hex');
