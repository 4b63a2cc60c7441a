/**
 * Identity providers by email domain (admins): an OpenID Connect issuer, a client id and secret, the domains whose
 * customers sign in through it, whether an unknown email of those domains gets an account at its first sign-in, and
 * whether password sign-in stays open for them. Domains follow the organizations' rules (the same validation, at
 * most 10, each held by one claim) and a domain has at most one provider. The client secret goes to Secrets Manager
 * (locally the data folder), never to the table or an answer.
 */
import { BadRequest, Conflict, NotFound } from '#errors';
import {
  claimProviderDomainItem,
  deleteIdentityProviderItem,
  getIdentityProvider,
  listIdentityProviders,
  providerIdOfDomain,
  putIdentityProviderItem,
  releaseProviderDomainItem,
} from '#store/identity-providers';
import type { IdentityProviderRecord } from '#store/entities/identity-provider';
import { deleteProviderSecret, putProviderSecret, storedProviderSecret } from '#store/provider-secrets';
import { transactWrite } from '#store/transact';
import { auditItems } from './audit';
import type { Caller } from '#model/caller';
import type { IdentityProviderSettings } from '#model/identity-provider';

export type IdentityProviderInput = IdentityProviderSettings & { clientSecret?: string | undefined };

const subject = (id: string) => [{ type: 'identityprovider' as const, id }];
const NOT_FOUND = () => new NotFound('No identity provider with this id', 'sd.identityprovider.error.not.found');
const CHANGED = () => new Conflict('The identity provider was changed by someone else; read it again and retry', 'sd.error.version.conflict');

/** What the audit keeps of a provider: everything but the timestamps (the secret is never on the record). */
const audited = (p: IdentityProviderRecord) => ({ issuer: p.issuer, clientId: p.clientId, domains: p.domains, justInTime: p.justInTime, passwordSignIn: p.passwordSignIn });

/** A refused transaction: the provider moved on, or a domain belongs to another provider (named in the answer). */
/** A domain claim or release was refused: which of the claimed domains another provider holds (one read each). */
class DomainRefused extends Error {}
const domainsTaken = async (claimed: string[], providerId: string): Promise<Error> => {
  const taken = (await Promise.all(claimed.map(async (d) => ((await providerIdOfDomain(d)) ?? providerId) !== providerId ? d : undefined))).filter(
    (d): d is string => d !== undefined,
  );
  return new Conflict(`These domains belong to another identity provider: ${taken.join(', ')}`, 'sd.identityprovider.error.domain.taken', taken);
};

/**
 * Creates or replaces the provider. The table's items (provider, domain claims, audit) go in one transaction; the
 * secret is written after it, so a refused change leaves the old secret in place (a crash between the two leaves the
 * old or no secret, which a retry of the same PUT replaces).
 */
export const putIdentityProvider = async (
  caller: Caller,
  id: string,
  input: IdentityProviderInput,
): Promise<{ provider: IdentityProviderRecord; created: boolean }> => {
  const existing = await getIdentityProvider(id);
  if (!existing && input.clientSecret === undefined && (await storedProviderSecret(id)) === undefined) {
    throw new BadRequest('clientSecret is required for a new identity provider', 'sd.identityprovider.error.secret.required');
  }
  const now = new Date().toISOString();
  const domains = [...new Set(input.domains)];
  const provider: IdentityProviderRecord = {
    id,
    issuer: input.issuer.replace(/\/+$/, '') || input.issuer,
    clientId: input.clientId,
    domains,
    justInTime: input.justInTime,
    passwordSignIn: input.passwordSignIn,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    version: (existing?.version ?? 0) + 1,
  };
  const added = domains.filter((d) => !existing?.domains.includes(d));
  const removed = (existing?.domains ?? []).filter((d) => !domains.includes(d));
  const items = [
    putIdentityProviderItem(provider, existing?.version),
    ...added.map((d) => claimProviderDomainItem(d, id)),
    ...removed.map((d) => releaseProviderDomainItem(d, id)),
    ...auditItems(caller, existing ? 'identityprovider.changed' : 'identityprovider.created', subject(id), {
      ...(existing ? { before: audited(existing) } : {}),
      after: { ...audited(provider), ...(input.clientSecret === undefined ? {} : { clientSecret: 'replaced' }) },
    }),
  ];
  await transactWrite(items, { identityProvider: CHANGED, providerDomainClaim: () => new DomainRefused() }).catch(async (error: unknown) => {
    if (!(error instanceof DomainRefused)) throw error;
    throw await domainsTaken(added, id);
  });
  if (input.clientSecret !== undefined) await putProviderSecret(id, input.clientSecret);
  return { provider, created: !existing };
};

export const getIdentityProviderOrFail = async (id: string): Promise<IdentityProviderRecord> => {
  const provider = await getIdentityProvider(id);
  if (!provider) throw NOT_FOUND();
  return provider;
};

export const identityProviders = (): Promise<IdentityProviderRecord[]> => listIdentityProviders();

/** Removes the provider and frees its domains in one transaction, then its secret. */
export const deleteIdentityProvider = async (caller: Caller, id: string): Promise<void> => {
  const provider = await getIdentityProviderOrFail(id);
  await transactWrite(
    [
      deleteIdentityProviderItem(id, provider.version),
      ...provider.domains.map((d) => releaseProviderDomainItem(d, id)),
      ...auditItems(caller, 'identityprovider.deleted', subject(id), { before: audited(provider) }),
    ],
    { identityProvider: CHANGED },
    CHANGED,
  );
  await deleteProviderSecret(id);
};
