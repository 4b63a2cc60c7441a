/** Identity providers in the table: the provider item and its email-domain claims, written together in transactions. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import {
  IDENTITY_PROVIDERS_PARTITION,
  identityProviderItem,
  identityProviderKeys,
  providerDomainClaimItem,
  providerDomainKeys,
  toIdentityProvider,
  toProviderDomainClaim,
  type IdentityProviderRecord,
} from './entities/identity-provider';
import { breach, type Invariant } from './invariant';
import { partitionQuery, queryAll } from './query';
import { versionGuard, versionedPut, write, type TransactItem } from './transact';

export const getIdentityProvider = async (id: string): Promise<IdentityProviderRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: identityProviderKeys(id), ConsistentRead: true }));
  return out.Item ? toIdentityProvider(out.Item) : undefined;
};

/** Who holds a domain (consistent: for the conflict message and the sign-in). */
export const providerIdOfDomain = async (domain: string): Promise<string | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: providerDomainKeys(domain), ConsistentRead: true }));
  return out.Item ? toProviderDomainClaim(out.Item).providerId : undefined;
};

/** The provider of an email domain: the claim, then the provider (two GetItems; one when the domain has none). */
export const providerOfDomain = async (domain: string): Promise<IdentityProviderRecord | undefined> => {
  const id = await providerIdOfDomain(domain);
  return id ? getIdentityProvider(id) : undefined;
};

/** Every provider, by id: one Query of a short list (an admin configures a handful). */
export const listIdentityProviders = async (): Promise<IdentityProviderRecord[]> =>
  (await queryAll(partitionQuery(IDENTITY_PROVIDERS_PARTITION, { index: 'lists' }))).map(toIdentityProvider);

/** `expectedVersion` undefined: the provider must not exist yet. */
export const putIdentityProviderItem = (provider: IdentityProviderRecord, expectedVersion: number | undefined): TransactItem<'identityProvider'> =>
  versionedPut('identityProvider', identityProviderItem(provider), expectedVersion);

export const deleteIdentityProviderItem = (id: string, version: number): TransactItem<'identityProvider'> =>
  write('identityProvider', { Delete: { TableName: tableName(), Key: identityProviderKeys(id), ...versionGuard(version) } });

/** The domain is free (or already this provider's): a domain has at most one provider. */
export const claimProviderDomainItem = (domain: string, providerId: string): TransactItem<'providerDomainClaim'> =>
  write('providerDomainClaim', {
    Put: {
      TableName: tableName(),
      Item: providerDomainClaimItem(domain, providerId),
      ConditionExpression: 'attribute_not_exists(pk) OR providerId = :id',
      ExpressionAttributeValues: { ':id': providerId },
    },
  });

export const releaseProviderDomainItem = (domain: string, providerId: string): TransactItem<'providerDomainClaim'> =>
  write('providerDomainClaim', { Delete: { TableName: tableName(), Key: providerDomainKeys(domain), ConditionExpression: 'providerId = :id', ExpressionAttributeValues: { ':id': providerId } } }, domain);

export const invariants: Invariant[] = [
  {
    name: 'identity-provider-domain',
    rule: 'Every identity provider holds the claims of its email domains, and every such claim belongs to a provider that has that domain',
    check: (table) => [
      ...table.of('identityProvider').flatMap((p) =>
        ((p.domains as string[] | undefined) ?? []).flatMap((d) =>
          table.get(providerDomainKeys(d))?.providerId === p.id ? [] : [breach(`identity provider ${String(p.id)} does not hold the claim of its domain ${d}`, p, providerDomainKeys(d))],
        ),
      ),
      ...table.of('identityProviderDomain').flatMap((claim) => {
        const provider = table.get(identityProviderKeys(String(claim.providerId)));
        return provider && ((provider.domains as string[] | undefined) ?? []).includes(String(claim.domain))
          ? []
          : [breach(`domain claim ${String(claim.pk)} belongs to no identity provider with that domain`, claim)];
      }),
    ],
  },
];
