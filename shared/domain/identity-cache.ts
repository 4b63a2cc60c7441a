/**
 * Who a credential identified, remembered by a warm function for a few seconds so that a burst of calls pays one
 * read (README: Security states the delay). A change to an account made in this process forgets it at once
 * (`forgetAccount`: suspension, token rotation, password reset, email change, anonymization); another warm
 * function stops accepting a revoked credential within `IDENTITY_CACHE_MS`. Only successful identifications are
 * kept, under a hash of the whole credential, so a wrong one always pays its read.
 */
import { createHash } from 'node:crypto';

/** 5 seconds unless IDENTITY_CACHE_SECONDS says otherwise (0 turns the cache off: the bench's per-call costs). */
export const IDENTITY_CACHE_MS = Number(process.env.IDENTITY_CACHE_SECONDS || 5) * 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  accountId: string;
  value: unknown;
  until: number;
}

const entries = new Map<string, Entry>();

const keyOf = (credential: string): string => createHash('sha256').update(credential).digest('base64url');

/** What `credential` identified, if it was within the last few seconds and its account has not changed since. */
export const recalled = <T>(credential: string, now = Date.now()): T | undefined => {
  const key = keyOf(credential);
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (entry.until <= now) {
    entries.delete(key);
    return undefined;
  }
  return entry.value as T;
};

export const remember = (credential: string, accountId: string, value: unknown, now = Date.now()): void => {
  if (IDENTITY_CACHE_MS <= 0) return;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(keyOf(credential), { accountId, value, until: now + IDENTITY_CACHE_MS });
};

/** The account changed (status, token, password, email): every credential of it is checked again on its next use. */
export const forgetAccount = (accountId: string): void => {
  for (const [key, entry] of entries) if (entry.accountId === accountId) entries.delete(key);
};
