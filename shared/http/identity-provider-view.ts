/** An identity provider as admins read it: never its client secret; with the redirect URI to register at the provider. */
import { ssoRedirectUri } from '#domain/portal-links';
import type { IdentityProviderRecord } from '#store/entities/identity-provider';
import { jsmDate } from './dates';

export const identityProviderView = (p: IdentityProviderRecord) => ({
  id: p.id,
  issuer: p.issuer,
  clientId: p.clientId,
  domains: p.domains,
  justInTime: p.justInTime,
  passwordSignIn: p.passwordSignIn,
  redirectUri: ssoRedirectUri(),
  version: p.version,
  created: jsmDate(p.createdAt),
  updated: jsmDate(p.updatedAt),
});
