/**
 * Organizations: site-wide groups of customers shared across desks. Names are unique case-insensitively (a claim
 * item); creating an existing name returns that organization. Members, properties and email domains.
 */
import { ClaimHeld, Conflict, Forbidden, NotFound, PayloadTooLarge } from '#errors';
import { LIMITS } from '#model/limits';
import { accountsAtDomain } from '#store/accounts';
import { nextId } from '#store/counters';
import type { AccountRecord } from '#store/entities/account';
import type { Group } from '#store/entities/membership';
import type { OrganizationRecord } from '#store/entities/organization';
import { existingMembers, queryMembers } from '#store/memberships';
import { deleteProperty, getProperty, propertyKeysOf, putProperty } from '#store/organization-properties';
import {
  claimDomainItem,
  claimOrganizationNameItem,
  getOrganization,
  getOrganizationIdByName,
  getOrganizations,
  organizationActiveCheck,
  putOrganizationItem,
  queryOrganizations,
  releaseDomainItem,
  setDomainsItem,
} from '#store/organizations';
import { labelled, transactWrite } from '#store/transact';
import { agentDeskIds, organizationIdsOf, requireOrganizationAccess } from './access';
import { auditItems } from './audit';
import { addMembers, removeMembers } from './memberships';
import { slicePage, type Page, type PageRequest } from '#model/page';
import { isAdmin, type Caller } from '#model/caller';
import { getDesks } from '#store/desks';
import type { DeskRecord } from '#store/entities/desk';

const orgSubject = (id: string) => [{ type: 'organization' as const, id }];
const membersOf = (organizationId: string): Group => ({ kind: 'organizationMembers', organizationId });

class NameTaken extends Error {}

const notFound = () => new NotFound('No organization with this id', 'sd.organization.error.not.found');

export const requireOrganization = async (id: string): Promise<OrganizationRecord> => {
  const org = await getOrganization(id);
  if (!org || org.state !== 'active') throw notFound();
  return org;
};

/** The organization, if the caller may work with it. */
export const organizationFor = async (caller: Caller, id: string): Promise<OrganizationRecord> => {
  const org = await requireOrganization(id);
  await requireOrganizationAccess(caller, org);
  return org;
};

const existingByName = async (name: string): Promise<OrganizationRecord | undefined> => {
  const id = await getOrganizationIdByName(name);
  const org = id ? await getOrganization(id) : undefined;
  return org?.state === 'active' ? org : undefined;
};

/**
 * The organization that already has this name, for a caller who may see it; to anyone else the name is simply
 * taken (names are unique site-wide), and nothing more about that organization is said.
 */
const takenName = async (caller: Caller, existing: OrganizationRecord): Promise<{ organization: OrganizationRecord; created: false }> => {
  try {
    await requireOrganizationAccess(caller, existing);
  } catch {
    throw new Conflict('This organization name is already in use; choose another', 'sd.organization.error.name.taken');
  }
  return { organization: existing, created: false };
};

/** Creates the organization, or returns the one that has this name already (`created: false`). */
export const createOrganization = async (caller: Caller, name: string): Promise<{ organization: OrganizationRecord; created: boolean }> => {
  const existing = await existingByName(name);
  if (existing) return takenName(caller, existing);
  const now = new Date().toISOString();
  const id = await nextId('organization');
  const organization: OrganizationRecord = { id, name, desks: {}, domains: [], state: 'active', createdAt: now, updatedAt: now };
  try {
    await transactWrite(
      [claimOrganizationNameItem(name, id), putOrganizationItem(organization), ...auditItems(caller, 'organization.created', orgSubject(id), { after: { name } })],
      { organizationNameClaim: () => new NameTaken() },
    );
  } catch (error) {
    if (!(error instanceof NameTaken)) throw error;
    const winner = await existingByName(name);
    if (!winner) throw new Conflict('An organization with this name is being deleted; try again shortly');
    return takenName(caller, winner);
  }
  return { organization, created: true };
};

/**
 * All organizations (admins), those an agent may work with, or those of one account. Agents see organizations
 * linked to one of their desks and those linked to none.
 */
export const listOrganizations = async (caller: Caller, page: PageRequest, requestedAccountId?: string) => {
  if (caller.kind === 'customer' && requestedAccountId !== undefined && requestedAccountId !== caller.accountId) {
    throw new Forbidden('Customers may list only their own organizations');
  }
  const accountId = caller.kind === 'customer' ? caller.accountId : requestedAccountId;
  if (accountId) {
    const ids = await organizationIdsOf(accountId);
    const all = (await getOrganizations(ids)).filter((o) => o.state === 'active').sort((a, b) => Number(a.id) - Number(b.id));
    const visible = await filterVisible(caller, all);
    return slicePage(visible, page);
  }
  const conditions = ['#state = :active'];
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, unknown> = { ':active': 'active' };
  if (caller.kind === 'staff' && caller.role !== 'admin') {
    const mine = [...(await agentDeskIds(caller.accountId))];
    const linked = mine.map((id, i) => {
      names[`#d${i}`] = id;
      return `attribute_exists(desks.#d${i})`;
    });
    conditions.push(`(size(desks) = :zero${linked.map((c) => ` OR ${c}`).join('')})`);
    values[':zero'] = 0;
  }
  return queryOrganizations({ ...page, filter: { expression: conditions.join(' AND '), names, values } });
};

const filterVisible = async (caller: Caller, orgs: OrganizationRecord[]): Promise<OrganizationRecord[]> => {
  if (caller.kind === 'customer' || (caller.kind === 'staff' && caller.role === 'admin')) return orgs;
  const mine = caller.kind === 'staff' ? await agentDeskIds(caller.accountId) : new Set<string>();
  return orgs.filter((o) => {
    const linked = Object.keys(o.desks ?? {});
    return linked.length === 0 || linked.some((id) => mine.has(id));
  });
};

// ---- Members ------------------------------------------------------------------------------------
export const listMembers = async (caller: Caller, id: string, page: PageRequest) => {
  await organizationFor(caller, id);
  return queryMembers(membersOf(id), page);
};

export const addOrganizationMembers = async (caller: Caller, id: string, accountIds: string[]): Promise<string[]> => {
  await organizationFor(caller, id);
  return addMembers({ caller, group: membersOf(id), accountIds, guard: organizationActiveCheck(id), audit: { action: 'organization.members.added', subjects: orgSubject(id) } });
};

export const removeOrganizationMembers = async (caller: Caller, id: string, accountIds: string[]): Promise<void> => {
  await organizationFor(caller, id);
  await removeMembers({ caller, group: membersOf(id), accountIds, audit: { action: 'organization.members.removed', subjects: orgSubject(id) } });
};

// ---- Properties ---------------------------------------------------------------------------------
export const listPropertyKeys = async (caller: Caller, id: string): Promise<string[]> => {
  await organizationFor(caller, id);
  return propertyKeysOf(id);
};

export const readProperty = async (caller: Caller, id: string, key: string): Promise<unknown> => {
  await organizationFor(caller, id);
  const property = await getProperty(id, key);
  if (!property) throw new NotFound('No property with this key', 'sd.organization.error.property.not.found');
  return property.value;
};

export const writeProperty = async (caller: Caller, id: string, key: string, value: unknown): Promise<'created' | 'updated'> => {
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json, 'utf8') > LIMITS.propertyValueBytes) throw new PayloadTooLarge(LIMITS.propertyValueBytes, 'The property value');
  await organizationFor(caller, id);
  return putProperty(id, key, json);
};

export const removeProperty = async (caller: Caller, id: string, key: string): Promise<void> => {
  await organizationFor(caller, id);
  if (!(await deleteProperty(id, key))) throw new NotFound('No property with this key', 'sd.organization.error.property.not.found');
};

// ---- Email domains ------------------------------------------------------------------------------
export interface DomainsResult {
  domains: string[];
  dryRun: boolean;
  backfill: boolean;
  matched: Array<{ accountId: string; emailAddress: string | null }>;
}

/** The organization's email domains, as admins set them. */
export const domainsOf = async (id: string): Promise<{ domains: string[] }> => ({ domains: (await requireOrganization(id)).domains });

/** The desks the organization is linked to, as the caller may see them: admins every one, an agent those they work on. */
export const linkedDesks = async (caller: Caller, id: string, page: PageRequest): Promise<Page<DeskRecord>> => {
  const org = await organizationFor(caller, id);
  const linked = Object.keys(org.desks ?? {});
  const mine = isAdmin(caller) || caller.kind !== 'staff' ? undefined : await agentDeskIds(caller.accountId);
  const ids = mine ? linked.filter((deskId) => mine.has(deskId)) : linked;
  const desks = ids.length === 0 ? [] : await getDesks(ids);
  return slicePage(desks.sort((a, b) => Number(a.id) - Number(b.id)), page);
};

/** Existing customers at these domains who are not members yet. */
const candidates = async (organizationId: string, domains: string[]): Promise<AccountRecord[]> => {
  const accounts = (await Promise.all(domains.map(accountsAtDomain))).flat().filter((a) => a.status !== 'anonymized' && !a.staffRole);
  const present = await existingMembers(membersOf(organizationId), accounts.map((a) => a.accountId));
  return accounts.filter((a) => !present.has(a.accountId));
};

export const setDomains = async (
  caller: Caller,
  id: string,
  input: { domains: string[]; backfill: boolean; dryRun: boolean },
): Promise<DomainsResult> => {
  const org = await requireOrganization(id);
  const domains = [...new Set(input.domains)];
  const matched = input.backfill || input.dryRun ? await candidates(id, domains) : [];
  const result = { domains, dryRun: input.dryRun, backfill: input.backfill, matched: matched.map((a) => ({ accountId: a.accountId, emailAddress: a.email })) };
  if (input.dryRun) return result;

  const added = domains.filter((d) => !org.domains.includes(d));
  const removed = org.domains.filter((d) => !domains.includes(d));
  await transactWrite(
    [
      setDomainsItem(id, domains),
      ...labelled('addedDomain', added.map((d) => claimDomainItem(d, id))),
      ...removed.map((d) => releaseDomainItem(d, id)),
      ...auditItems(caller, 'organization.domains.changed', orgSubject(id), { before: { domains: org.domains }, after: { domains } }),
    ],
    { addedDomain: (taken) => new ClaimHeld(`These domains belong to another organization: ${taken.join(', ')}`, 'sd.organization.error.domain.taken', taken) },
    notFound,
  );
  for (let i = 0; i < matched.length; i += LIMITS.accountIdsPerCall) {
    await addOrganizationMembers(caller, id, matched.slice(i, i + LIMITS.accountIdsPerCall).map((a) => a.accountId));
  }
  return result;
};

