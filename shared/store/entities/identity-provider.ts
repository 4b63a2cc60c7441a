/**
 * Identity provider (OpenID Connect) by email domain: the provider item, listed in order of id, and one claim per
 * email domain, so a domain has at most one provider and a sign-in finds it with one GetItem. The client secret is
 * not an attribute of any item: it lives in Secrets Manager (locally the data folder), see provider-secrets.ts.
 */
import * as z from 'zod/mini';
import { reader, type Keys } from './item';

export const identityProviderSchema = z.object({
  /** Chosen by the admin: `acme-google`. */
  id: z.string(),
  /** The OpenID Connect issuer: its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuer: z.string(),
  clientId: z.string(),
  /** Email domains whose customers sign in through this provider. */
  domains: z.array(z.string()),
  /** An unknown email of a domain gets an account at its first sign-in (and joins the domain's organization). */
  justInTime: z.boolean(),
  /** Customers of these domains may still sign in with a password. */
  passwordSignIn: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type IdentityProviderRecord = z.infer<typeof identityProviderSchema>;
export const toIdentityProvider = reader(identityProviderSchema);

export const identityProviderKeys = (id: string): Keys => ({ pk: `IDP#${id}`, sk: 'IDP' });
export const IDENTITY_PROVIDERS_PARTITION = 'IDPS';
export const identityProviderItem = (p: IdentityProviderRecord) => ({
  ...identityProviderKeys(p.id),
  entity: 'identityProvider',
  ...p,
  listPk: IDENTITY_PROVIDERS_PARTITION,
  listSk: p.id,
});

// ---- Claims: each email domain belongs to one provider ------------------------------------------
const providerDomainClaimSchema = z.object({ domain: z.string(), providerId: z.string() });
export const toProviderDomainClaim = reader(providerDomainClaimSchema);
export const providerDomainKeys = (domain: string): Keys => ({ pk: `IDPDOMAIN#${domain.trim().toLowerCase()}`, sk: 'IDPDOMAIN' });
export const providerDomainClaimItem = (domain: string, providerId: string) => ({ ...providerDomainKeys(domain), entity: 'identityProviderDomain', domain, providerId });
