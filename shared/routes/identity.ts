/** Routes of the "identity" function: admins configure identity providers (OpenID Connect) by email domain. */
import * as z from 'zod/mini';
import { LIMITS } from '#model/limits';
import { domainSchema, identityProviderIdSchema, pagingOnlyQuery, trimmed } from './fields';
import { ADMIN, functionRoutes } from './route';

const identityProviderPath = z.strictObject({ providerId: identityProviderIdSchema });

/** https, or http on this machine only (the development provider of `npm start`); no query, fragment or user. */
const isIssuerUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) && !url.search && !url.hash && !url.username;
  } catch {
    return false;
  }
};
const identityProviderBody = z.strictObject({
  issuer: z.string().check(z.trim(), z.maxLength(512), z.refine(isIssuerUrl, 'must be an https URL without query or fragment (http only for localhost)')),
  clientId: trimmed(1, 255),
  /** Required when the provider is new (unless a secret is already stored for it); absent on an update: kept. */
  clientSecret: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  domains: z.array(domainSchema).check(z.minLength(1), z.maxLength(LIMITS.domainsPerOrganization)),
  justInTime: z._default(z.boolean(), false),
  passwordSignIn: z._default(z.boolean(), true),
});

const PROVIDER = `${ADMIN}/identityprovider/{providerId}`;

export const identityRoutes = functionRoutes('identity', {
  listIdentityProviders: { method: 'GET', path: `${ADMIN}/identityprovider`, role: 'admin', success: 200, query: pagingOnlyQuery },
  getIdentityProvider: { method: 'GET', path: PROVIDER, role: 'admin', success: 200, params: identityProviderPath },
  putIdentityProvider: { method: 'PUT', path: PROVIDER, role: 'admin', success: 200, params: identityProviderPath, body: identityProviderBody },
  deleteIdentityProvider: { method: 'DELETE', path: PROVIDER, role: 'admin', success: 204, params: identityProviderPath },
});
