/**
 * Identity provider (OpenID Connect) by email domain: the provider item, listed in order of id, and one claim per
 * email domain, so a domain has at most one provider and a sign-in finds it with one GetItem. The client secret is
 * not an attribute of any item: it lives in Secrets Manager (locally the data folder), see provider-secrets.ts.
 */
import * as z from 'zod/mini';
import { identityProviderSettings } from '#model/identity-provider';
import { reader, type Keys } from './item';

export const identityProviderSchema = z.extend(identityProviderSettings, {
  /** Chosen by the admin: `acme-google`. */
  id: z.string(),
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
