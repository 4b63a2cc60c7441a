/**
 * Organizations: the item (with the desks it is linked to), its name claim, its email-domain claims, its
 * properties and its desk links (one item per link, the relations index gives an organization's desks).
 */
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import { deskKeys } from './entities/desk';
import {
  deskOrganizationLinkIndexAttributes,
  deskOrganizationLinkItem,
  deskOrganizationLinkKeys,
  deskOrganizationsPartition,
  organizationDesksPartition,
  toDeskOrganizationLink,
} from './entities/desk-organization-link';
import { keysOf, type Keys } from './entities/item';
import {
  ORGS_BEING_DELETED_PARTITION,
  ORGS_PARTITION,
  domainClaimItem,
  domainClaimKeys,
  organizationItem,
  organizationKeys,
  organizationNameClaimItem,
  organizationNameClaimKeys,
  toOrganization,
  toOrganizationClaim,
  type OrganizationRecord,
} from './entities/organization';
import { breach, type Breach, type Invariant } from './invariant';
import { queryPage, type PageQuery } from './query';
import { INDEXES } from './table-spec';
import { write, type TransactItem } from './transact';
import { mapPage } from '#model/page';

export const putOrganizationItem = (org: OrganizationRecord): TransactItem<'organization'> =>
  write('organization', {
    Put: {
      TableName: tableName(),
      Item: organizationItem(org),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

export const claimOrganizationNameItem = (name: string, id: string): TransactItem<'organizationNameClaim'> =>
  write('organizationNameClaim', {
    Put: {
      TableName: tableName(),
      Item: organizationNameClaimItem(name, id),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

export const getOrganizationIdByName = async (name: string): Promise<string | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: organizationNameClaimKeys(name), ConsistentRead: true }));
  return out.Item ? toOrganizationClaim(out.Item).organizationId : undefined;
};

export const getOrganization = async (id: string): Promise<OrganizationRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: organizationKeys(id) }));
  return out.Item ? toOrganization(out.Item) : undefined;
};

export const getOrganizations = async (ids: string[]): Promise<OrganizationRecord[]> =>
  (await batchGet(ids.map(organizationKeys))).map(toOrganization);

/** Condition on the organization item that it exists and is not being deleted. */
export const organizationActiveCheck = (id: string): TransactItem<'organization'> =>
  write('organization', {
    ConditionCheck: {
      TableName: tableName(),
      Key: organizationKeys(id),
      ConditionExpression: '#state = :active',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':active': 'active' },
    },
  });

export const queryOrganizations = async (page: Pick<PageQuery, 'start' | 'limit' | 'cursor' | 'filter'>) => {
  const result = await queryPage({ index: 'lists', partitionValue: ORGS_PARTITION, ...page });
  return mapPage(result, toOrganization);
};

// ---- Desk links ---------------------------------------------------------------------------------
/** The link item and the organization's own record of it, written together. */
export const linkItems = (deskId: string, projectKey: string, organizationId: string): TransactItem<'deskOrganizationLink' | 'organization'>[] => [
  write('deskOrganizationLink', {
    Put: {
      TableName: tableName(),
      Item: deskOrganizationLinkItem({ deskId, organizationId }),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }),
  write('organization', {
    Update: {
      TableName: tableName(),
      Key: organizationKeys(organizationId),
      UpdateExpression: 'SET desks.#d = :key',
      ConditionExpression: '#state = :active',
      ExpressionAttributeNames: { '#d': deskId, '#state': 'state' },
      ExpressionAttributeValues: { ':key': projectKey, ':active': 'active' },
    },
  }),
];

export const unlinkItems = (deskId: string, organizationId: string): TransactItem<'deskOrganizationLink' | 'organization'>[] => [
  write('deskOrganizationLink', { Delete: { TableName: tableName(), Key: deskOrganizationLinkKeys(deskId, organizationId), ConditionExpression: 'attribute_exists(pk)' } }),
  write('organization', {
    Update: {
      TableName: tableName(),
      Key: organizationKeys(organizationId),
      UpdateExpression: 'REMOVE desks.#d',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#d': deskId },
    },
  }),
];

export const queryDeskOrganizationIds = async (deskId: string, page: { start: number; limit: number; cursor?: string | undefined }) => {
  const result = await queryPage({ partitionValue: deskOrganizationsPartition(deskId), ...page });
  return mapPage(result, (i) => toDeskOrganizationLink(i).organizationId);
};

/** The link items of an organization (relations index), a chunk at a time, for deletion. */
export const organizationLinkKeys = async (organizationId: string, limit: number): Promise<Keys[]> => {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEXES.relations.name,
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': INDEXES.relations.partition },
      ExpressionAttributeValues: { ':p': organizationDesksPartition(organizationId) },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map(keysOf);
};

// ---- Email domains ------------------------------------------------------------------------------
export const claimDomainItem = (domain: string, organizationId: string): TransactItem<'domainClaim'> =>
  write('domainClaim', {
    Put: {
      TableName: tableName(),
      Item: domainClaimItem(domain, organizationId),
      ConditionExpression: 'attribute_not_exists(pk) OR organizationId = :id',
      ExpressionAttributeValues: { ':id': organizationId },
    },
  }, domain);

export const releaseDomainItem = (domain: string, organizationId: string): TransactItem<'domainClaim'> =>
  write('domainClaim', {
    Delete: {
      TableName: tableName(),
      Key: domainClaimKeys(domain),
      ConditionExpression: 'organizationId = :id',
      ExpressionAttributeValues: { ':id': organizationId },
    },
  }, domain);

/** In a transaction: the domain belongs to no organization (or, given an id, to that one). */
export const domainClaimCheck = (domain: string, organizationId?: string): TransactItem<'domainClaim'> =>
  write('domainClaim', {
    ConditionCheck: {
      TableName: tableName(),
      Key: domainClaimKeys(domain),
      ...(organizationId === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'organizationId = :id', ExpressionAttributeValues: { ':id': organizationId } }),
    },
  }, domain);

export const getDomainOrganizationId = async (domain: string): Promise<string | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: domainClaimKeys(domain) }));
  return out.Item ? toOrganizationClaim(out.Item).organizationId : undefined;
};

export const setDomainsItem = (organizationId: string, domains: string[]): TransactItem<'organization'> =>
  write('organization', {
    Update: {
      TableName: tableName(),
      Key: organizationKeys(organizationId),
      UpdateExpression: 'SET domains = :d',
      ConditionExpression: '#state = :active',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':d': domains, ':active': 'active' },
    },
  });

// ---- Deletion -----------------------------------------------------------------------------------
/** Marks the organization as being deleted and frees its name and domains, in one transaction. */
export const beginDeletionItems = (org: OrganizationRecord): TransactItem[] => [
  write('organization', {
    Update: {
      TableName: tableName(),
      Key: organizationKeys(org.id),
      // Off the list of organizations, onto the list of unfinished deletions (for a sweeper to resume).
      UpdateExpression: 'SET #state = :deleting, listPk = :deletingList',
      ConditionExpression: '#state = :active',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':deleting': 'deleting', ':active': 'active', ':deletingList': ORGS_BEING_DELETED_PARTITION },
    },
  }),
  write('organizationNameClaim', {
    Delete: { TableName: tableName(), Key: organizationNameClaimKeys(org.name), ConditionExpression: 'organizationId = :id', ExpressionAttributeValues: { ':id': org.id } },
  }),
  ...org.domains.map((d) => releaseDomainItem(d, org.id)),
];

/** Up to `limit` keys of a partition (members or properties of an organization), for deletion in chunks. */
export const partitionKeys = async (partition: string, limit: number): Promise<Keys[]> => {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': partition },
      ProjectionExpression: 'pk, sk',
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map(keysOf);
};

export const deleteOrganizationItem = async (id: string): Promise<void> => {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: organizationKeys(id) }));
};

// ---- Invariants (read by the table checker) -----------------------------------------------------
const linkName = (deskId: string, organizationId: string) => `link of desk ${deskId} and organization ${organizationId}`;

export const invariants: Invariant[] = [
  {
    name: 'organization-desk-link',
    rule: "Every desk-organization link has both ends: the link item (the desk's side, inverted on the relations index) and the desk in the organization's own list",
    check: (table) => [
      ...table.of('deskOrganizationLink').flatMap((link) => {
        const deskId = String(link.deskId);
        const organizationId = String(link.organizationId);
        const found: Breach[] = [];
        const expectedKeys = { ...deskOrganizationLinkKeys(deskId, organizationId), ...deskOrganizationLinkIndexAttributes(deskId, organizationId) };
        if (Object.entries(expectedKeys).some(([k, v]) => link[k] !== v)) found.push(breach(`${linkName(deskId, organizationId)}: its keys do not name both ends`, link));
        const desk = table.get(deskKeys(deskId));
        const org = table.get(organizationKeys(organizationId));
        if (!desk) found.push(breach(`${linkName(deskId, organizationId)}: the desk does not exist`, link, deskKeys(deskId)));
        if (!org) found.push(breach(`${linkName(deskId, organizationId)}: the organization does not exist`, link, organizationKeys(organizationId)));
        else if (org.state === 'active' && (org.desks as Record<string, string> | undefined)?.[deskId] !== desk?.projectKey) {
          found.push(breach(`${linkName(deskId, organizationId)}: the organization does not list the desk`, link, org));
        }
        return found;
      }),
      ...table.of('organization').flatMap((org) =>
        Object.keys((org.desks as Record<string, string> | undefined) ?? {}).flatMap((deskId) => {
          const keys = deskOrganizationLinkKeys(deskId, String(org.id));
          return table.get(keys) ? [] : [breach(`organization ${org.id} lists desk ${deskId}, but there is no link item`, org, keys)];
        }),
      ),
    ],
  },
  {
    name: 'organization-claims',
    rule: 'Every active organization holds the claims of its name and its domains, and every such claim belongs to an active organization that has that name or domain',
    check: (table) => {
      const active = (id: unknown) => {
        const org = table.get(organizationKeys(String(id)));
        return org?.state === 'active' ? org : undefined;
      };
      return [
        ...table.of('organization').filter((o) => o.state === 'active').flatMap((org) => [
          ...(table.get(organizationNameClaimKeys(String(org.name)))?.organizationId === org.id ? [] : [breach(`organization ${org.id} does not hold the claim of its name "${org.name}"`, org)]),
          ...((org.domains as string[] | undefined) ?? []).flatMap((d) =>
            table.get(domainClaimKeys(d))?.organizationId === org.id ? [] : [breach(`organization ${org.id} does not hold the claim of its domain ${d}`, org, domainClaimKeys(d))],
          ),
        ]),
        ...table.of('organizationNameClaim').flatMap((claim) => {
          const org = active(claim.organizationId);
          return org && organizationNameClaimKeys(String(org.name)).pk === claim.pk ? [] : [breach(`name claim ${claim.pk} belongs to no active organization of that name`, claim)];
        }),
        ...table.of('domainClaim').flatMap((claim) => {
          const org = active(claim.organizationId);
          return org && ((org.domains as string[] | undefined) ?? []).some((d) => domainClaimKeys(d).pk === claim.pk) ? [] : [breach(`domain claim ${claim.pk} belongs to no active organization with that domain`, claim)];
        }),
      ];
    },
  },
  {
    name: 'organization-deletion',
    rule: 'No organization stays half-deleted: one marked `deleting` is finished by the next DELETE',
    check: (table) => table.of('organization').filter((o) => o.state !== 'active').map((org) => breach(`organization ${org.id} is still being deleted`, org)),
  },
];
