/**
 * A portal session, one item each: whose it is, until when, and whether it outlives the browser ("keep me signed
 * in"). Signing out deletes the item, so a signed-out token (or cookie) stops working at once although its
 * signature is still valid. The TTL follows its end (a backstop: every read checks `validUntil`).
 */
import * as z from 'zod/mini';
import { reader, type Keys } from './item';

export const SESSION_ENTITY = 'session';

export const sessionSchema = z.object({
  sessionId: z.string(),
  accountId: z.string(),
  /** Kept past the browser's close: the portal's cookie has a Max-Age. */
  persistent: z.boolean(),
  /** Epoch milliseconds at which the session ends. */
  validUntil: z.number(),
  createdAt: z.string(),
});
export type SessionRecord = z.infer<typeof sessionSchema>;
export const toSession = reader(sessionSchema);

export const sessionKeys = (sessionId: string): Keys => ({ pk: `SESSION#${sessionId}`, sk: 'SESSION' });
export const sessionItem = (s: SessionRecord) => ({
  ...sessionKeys(s.sessionId),
  entity: SESSION_ENTITY,
  ...s,
  expiresAt: Math.floor(s.validUntil / 1000) + 60,
});
