/**
 * Identity providers (OpenID Connect) by email domain: the provider item, listed on GSI2, and one claim per email
 * domain, so a domain has at most one provider and a sign-in finds it with one GetItem. The client secret is not
 * here: it lives in Secrets Manager (locally in the data folder), see provider-secrets.ts.
 */
import * as z from 'zod/mini';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../client';
import { breach, type Invariant } from '../invariant';
import type { Keys } from '../keys';
import { partitionQuery, pickFields, queryAll, type Item } from '../query';
import type { TransactItem } from '../transact';

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
const FIELDS = Object.keys(identityProviderSchema.def.shape);

export const identityProviderKeys = (id: string): Keys => ({ pk: `IDP#${id}`, sk: 'IDP' });
export const IDENTITY_PROVIDERS_PARTITION = 'IDPS';
const listAttributes = (id: string) => ({ gsi2pk: IDENTITY_PROVIDERS_PARTITION, gsi2sk: id });
export const providerDomainKeys = (domain: string): Keys => ({ pk: `IDPDOMAIN#${domain.trim().toLowerCase()}`, sk: 'IDPDOMAIN' });

const toProvider = (item: Item): IdentityProviderRecord => pickFields<IdentityProviderRecord>(item, FIELDS);

export const getIdentityProvider = async (id: string): Promise<IdentityProviderRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: identityProviderKeys(id), ConsistentRead: true }));
  return out.Item ? toProvider(out.Item) : undefined;
};

/** The provider of an email domain: the claim, then the provider (two GetItems; none when the domain has none). */
export const providerOfDomain = async (domain: string): Promise<IdentityProviderRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: providerDomainKeys(domain) }));
  const id = out.Item?.providerId;
  return typeof id === 'string' ? getIdentityProvider(id) : undefined;
};

/** Every provider, by id: one Query of a short list (an admin configures a handful). */
export const listIdentityProviders = async (): Promise<IdentityProviderRecord[]> =>
  (await queryAll(partitionQuery(IDENTITY_PROVIDERS_PARTITION, { index: 'directory' }))).map(toProvider);

/** `expectedVersion` undefined: the provider must not exist yet. */
export const putIdentityProviderItem = (provider: IdentityProviderRecord, expectedVersion: number | undefined): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...identityProviderKeys(provider.id), entity: 'identityProvider', ...provider, ...listAttributes(provider.id) },
    ...(expectedVersion === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
  },
});

export const deleteIdentityProviderItem = (id: string, version: number): TransactItem => ({
  Delete: { TableName: tableName(), Key: identityProviderKeys(id), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } },
});

/** The domain is free (or already this provider's): a domain has at most one provider. */
export const claimProviderDomainItem = (domain: string, providerId: string): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...providerDomainKeys(domain), entity: 'identityProviderDomain', domain, providerId },
    ConditionExpression: 'attribute_not_exists(pk) OR providerId = :id',
    ExpressionAttributeValues: { ':id': providerId },
  },
});

export const releaseProviderDomainItem = (domain: string, providerId: string): TransactItem => ({
  Delete: { TableName: tableName(), Key: providerDomainKeys(domain), ConditionExpression: 'providerId = :id', ExpressionAttributeValues: { ':id': providerId } },
});

/** Who holds a domain, for the conflict message. */
export const providerIdOfDomain = async (domain: string): Promise<string | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: providerDomainKeys(domain), ConsistentRead: true }));
  return typeof out.Item?.providerId === 'string' ? out.Item.providerId : undefined;
};

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
