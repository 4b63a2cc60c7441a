/** The answers of sign-in: an identity provider as admins read it, how an email signs in, the staff console's session. */
import * as z from 'zod/mini';
import { identityProviderSettings } from '#model/identity-provider';
import { STAFF_ROLES } from '#model/vocabulary';
import { dateShape, named } from './shapes';

/** An identity provider as admins read it: never its client secret; the redirect URI to register at the provider. */
export const identityProviderShape = named('IdentityProvider', z.strictObject({
  id: z.string(),
  ...identityProviderSettings.shape,
  redirectUri: z.string(),
  version: z.number(),
  created: dateShape,
  updated: dateShape,
}));
/** How an email signs in: through its domain's identity provider (where to go, the PKCE verifier to keep), or with a password. */
export const signInStartShape = named('SignInStart', z.union([
  z.strictObject({ method: z.literal('password') }),
  z.strictObject({ method: z.literal('sso'), authorizationUrl: z.string(), codeVerifier: z.string() }),
]));

/** A staff console session: when it ends, its CSRF token, and whose it is (the session itself is in the cookie). */
export const consoleSessionShape = named('ConsoleSession', z.strictObject({
  expiresAt: z.string(),
  persistent: z.boolean(),
  csrfToken: z.string(),
  staff: z.strictObject({ accountId: z.string(), displayName: z.string(), emailAddress: z.string(), role: z.enum(STAFF_ROLES) }),
}));
