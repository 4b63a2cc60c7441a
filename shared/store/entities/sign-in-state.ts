/**
 * The pending state of one single sign-on: made when the customer is sent to their identity provider, used when they
 * come back. Stored by the SHA-256 hash of the `state` parameter (the value itself is only in the browser and the
 * provider's redirect), with the PKCE challenge the code must be redeemed against and an expiry. Its first use marks
 * it used, so a replayed `state` is refused (and, the item being still there, audited under its provider).
 */
import * as z from 'zod/mini';
import { reader, type Keys } from './item';

export const signInStateSchema = z.object({
  stateHash: z.string(),
  providerId: z.string(),
  /** S256 of the PKCE verifier the browser keeps: the verifier sent back must match it. */
  codeChallenge: z.string(),
  /** Epoch milliseconds after which the state no longer works. */
  validUntil: z.number(),
  /** Epoch milliseconds of its (only) use. */
  usedAt: z.optional(z.number()),
});
export type SignInStateRecord = z.infer<typeof signInStateSchema>;
export const toSignInState = reader(signInStateSchema);

export const signInStateKeys = (stateHash: string): Keys => ({ pk: `SSOSTATE#${stateHash}`, sk: 'SSOSTATE' });
/** TTL is only the backstop: validUntil decides. */
export const signInStateItem = (state: SignInStateRecord) => ({
  ...signInStateKeys(state.stateHash),
  entity: 'signInState',
  ...state,
  expiresAt: Math.floor(state.validUntil / 1000) + 3600,
});
