/**
 * Sign-in state of the portal and the staff console: password links (reset tokens, by hash, single use, expiring)
 * and the recent attempts of one email (known or not) that the rate limits count.
 */
import * as z from 'zod/mini';
import { emailKey } from '#model/email';
import { reader, type Keys } from './item';

const epochSeconds = (ms: number) => Math.floor(ms / 1000);

export const resetTokenSchema = z.object({
  accountId: z.string(),
  /** The account's session epoch when the link was made: a later reset makes the link stale. */
  epoch: z.number(),
  /** Epoch milliseconds after which the token no longer works. */
  validUntil: z.number(),
  /** Where the link is used: the portal's reset page (the default, and every link made before there was another) or the console's. */
  audience: z.optional(z.enum(['portal', 'console'])),
});
export type ResetToken = z.infer<typeof resetTokenSchema>;
export const toResetToken = reader(resetTokenSchema);
export const resetTokenKeys = (tokenHash: string): Keys => ({ pk: `RESETTOKEN#${tokenHash}`, sk: 'RESETTOKEN' });
export const resetTokenItem = (tokenHash: string, token: ResetToken) => ({
  ...resetTokenKeys(tokenHash),
  entity: 'resetToken',
  ...token,
  expiresAt: epochSeconds(token.validUntil) + 3600,
});

/** Recent attempts (epoch milliseconds), appended atomically; the item expires by TTL. */
export const attemptsSchema = z.object({ failures: z.optional(z.array(z.number())) });
export const toAttempts = reader(attemptsSchema);
/** Recent failed sign-ins of one email, for the 10-in-15-minutes limit. */
export const signInFailureKeys = (email: string): Keys => ({ pk: `SIGNINFAIL#${emailKey(email)}`, sk: 'SIGNINFAIL' });
/** Recent password-reset requests of one email, for the 3-an-hour limit. */
export const resetRequestKeys = (email: string): Keys => ({ pk: `RESETREQ#${emailKey(email)}`, sk: 'RESETREQ' });
/** Recent failed console sign-ins of one email (staff), for the console's own limit. */
export const consoleSignInFailureKeys = (email: string): Keys => ({ pk: `CONSOLEFAIL#${emailKey(email)}`, sk: 'CONSOLEFAIL' });
/** Recent console password-reset requests of one email, for the 3-an-hour limit. */
export const consoleResetRequestKeys = (email: string): Keys => ({ pk: `CONSOLERESETREQ#${emailKey(email)}`, sk: 'CONSOLERESETREQ' });
/** Recent self sign-ups of one email, for the 3-an-hour limit. */
export const signUpRequestKeys = (email: string): Keys => ({ pk: `SIGNUPREQ#${emailKey(email)}`, sk: 'SIGNUPREQ' });
