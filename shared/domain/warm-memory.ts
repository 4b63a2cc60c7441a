/**
 * What a warm function remembers for a few seconds, so that a burst of calls pays one read (README: Security states
 * the delay): who a credential identified, which desks are open, and each desk with its request types. A change made
 * in this process forgets what it changed at once (`forgetAccount`: suspension, token rotation, password reset,
 * email change, anonymization; `forgetOpenDesks`, `forgetDeskConfig`: a desk created or changed, a request type
 * created, changed or deleted); another warm function sees it within `WARM_MEMORY_MS`.
 * Only successful identifications are kept, under a hash of the whole credential, so a wrong one pays its read each
 * time (callers presenting one credential at the same moment share that read). WARM_MEMORY_SECONDS (default 5; 0 turns it off, as the bench does to meter each call) sets the window.
 */
import { createHash } from 'node:crypto';

export const WARM_MEMORY_MS = Number(process.env.WARM_MEMORY_SECONDS || 5) * 1000;
const MAX_IDENTITIES = 10_000;

interface Identity {
  accountId: string;
  value: unknown;
  until: number;
}

const identities = new Map<string, Identity>();

/** Sets `key` in a map that holds at most `max` entries (what a warm function remembers is bounded): the oldest goes first. */
export const setBounded = <V>(map: Map<string, V>, key: string, value: V, max: number): V => {
  if (!map.has(key) && map.size >= max) map.delete(map.keys().next().value as string);
  map.set(key, value);
  return value;
};

const keyOf = (credential: string): string => createHash('sha256').update(credential).digest('base64url');

/** What `credential` identified, if it was within the window and its account has not changed here since. */
export const recalled = <T>(credential: string, now = Date.now()): T | undefined => {
  const key = keyOf(credential);
  const entry = identities.get(key);
  if (!entry) return undefined;
  if (entry.until <= now) {
    identities.delete(key);
    return undefined;
  }
  return entry.value as T;
};

export const remember = (credential: string, accountId: string, value: unknown, now = Date.now()): void => {
  if (WARM_MEMORY_MS <= 0) return;
  setBounded(identities, keyOf(credential), { accountId, value, until: now + WARM_MEMORY_MS }, MAX_IDENTITIES);
};

const identifying = new Map<string, Promise<unknown>>();

/**
 * Callers presenting the same credential at the same moment share one identification: a burst that finds the
 * window ended pays one read, not one per caller.
 */
export const identifyOnce = <T>(credential: string, identify: () => Promise<T>): Promise<T> => {
  const key = keyOf(credential);
  const running = identifying.get(key);
  if (running) return running as Promise<T>;
  const started = identify().finally(() => identifying.delete(key));
  identifying.set(key, started);
  return started;
};

/** The account changed (status, token, password, email): every credential of it is checked again on its next use. */
export const forgetAccount = (accountId: string): void => {
  for (const [key, entry] of identities) if (entry.accountId === accountId) identities.delete(key);
};

/**
 * One value read at most once per window; callers within it share the read (a failed read is not remembered).
 * `forget` drops it, so the next caller reads again.
 */
export const rememberedRead = <T>(read: () => Promise<T>) => {
  let held: { value: Promise<T>; until: number; settled?: { value: T } } | undefined;
  return {
    get(now = Date.now()): Promise<T> {
      if (held && held.until > now) return held.value;
      const value = read();
      if (WARM_MEMORY_MS <= 0) return value;
      const entry: NonNullable<typeof held> = { value, until: now + WARM_MEMORY_MS };
      held = entry;
      value.then(
        (settled) => {
          entry.settled = { value: settled };
        },
        () => {
          if (held === entry) held = undefined;
        },
      );
      return value;
    },
    /** The value, if it was read and is still within the window: known without waiting. */
    peek(now = Date.now()): T | undefined {
      return held && held.until > now ? held.settled?.value : undefined;
    },
    forget(): void {
      held = undefined;
    },
  };
};
export type RememberedRead<T> = ReturnType<typeof rememberedRead<T>>;
