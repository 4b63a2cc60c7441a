/** The answers of single sign-on: an identity provider as admins read it, and how an email signs in. */
import * as z from 'zod/mini';
import { identityProviderSettings } from '#model/identity-provider';
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
