/**
 * Effective access (DESIGN.md section 1), computed here and nowhere else: account A may use desk D when A is
 * active (or invited), and D is open, or A is a direct customer of D, or A is in an organization linked to D.
 * Cost: the account's relationships (one Query on the relations index) and the open desks (one Query on the selections index) in parallel, then
 * the account's organizations (one BatchGetItem), whose items carry the desks they are linked to.
 */
import { Forbidden, NotFound } from '#errors';
import { accountGroups, isMember, type AccountGroup } from '#store/memberships';
import { openDesks } from './open-desks';
import { getOrganizations } from '#store/organizations';
import type { AccountRecord } from '#store/entities/account';
import type { DeskRecord } from '#store/entities/desk';
import type { OrganizationRecord } from '#store/entities/organization';
import type { Caller } from '#model/caller';

export type AccessVia = { type: 'direct' } | { type: 'organization'; organizationId: string } | { type: 'open' } | { type: 'agent' };

export interface DeskAccessEntry {
  serviceDeskId: string;
  projectKey: string;
  via: AccessVia[];
}

export interface EffectiveAccess {
  organizations: OrganizationRecord[];
  access: DeskAccessEntry[];
}

export const memberOrganizationIds = (groups: AccountGroup[]): string[] =>
  groups.flatMap(({ group }) => (group.kind === 'organizationMembers' ? [group.organizationId] : []));

/** The organizations an account is a member of: one Query of its relations. */
export const organizationIdsOf = async (accountId: string): Promise<string[]> => memberOrganizationIds(await accountGroups(accountId));

/** These organizations that are active (one BatchGetItem), by id. */
export const activeOrganizations = async (ids: string[]): Promise<OrganizationRecord[]> => {
  if (ids.length === 0) return [];
  const orgs = await getOrganizations(ids);
  return orgs.filter((o) => o.state === 'active').sort((a, b) => Number(a.id) - Number(b.id));
};

/** Only the id and the status matter: callers that know both need not read the account. */
export const effectiveAccess = async (account: Pick<AccountRecord, 'accountId' | 'status'>): Promise<EffectiveAccess> => {
  const [groups, open] = await Promise.all([accountGroups(account.accountId), openDesks()]);
  return accessFrom(account, groups, open);
};

/** The rule applied to an account's groups and the open desks, read by the caller (then its organizations: one BatchGetItem). */
export const accessFrom = async (
  account: Pick<AccountRecord, 'status'>,
  groups: AccountGroup[],
  openDesks: Array<Pick<DeskRecord, 'id' | 'projectKey'>>,
): Promise<EffectiveAccess> => {
  const organizations = await activeOrganizations(memberOrganizationIds(groups));
  if (account.status !== 'active' && account.status !== 'invited') return { organizations, access: [] };
  return { organizations, access: grantsOf(groups, openDesks, organizations) };
};

/** The rule itself, on what was read: every desk the account may use, and why. */
export const grantsOf = (
  groups: AccountGroup[],
  openDesks: Array<Pick<DeskRecord, 'id' | 'projectKey'>>,
  organizations: OrganizationRecord[],
): DeskAccessEntry[] => {
  const desks = new Map<string, DeskAccessEntry>();
  const grant = (serviceDeskId: string, projectKey: string, via: AccessVia) => {
    const entry = desks.get(serviceDeskId) ?? { serviceDeskId, projectKey, via: [] };
    entry.via.push(via);
    desks.set(serviceDeskId, entry);
  };
  for (const { group, projectKey } of groups) {
    if (group.kind === 'deskCustomers') grant(group.deskId, projectKey ?? '', { type: 'direct' });
    if (group.kind === 'deskAgents') grant(group.deskId, projectKey ?? '', { type: 'agent' });
  }
  for (const org of organizations) {
    for (const [deskId, projectKey] of Object.entries(org.desks ?? {})) grant(deskId, projectKey, { type: 'organization', organizationId: org.id });
  }
  for (const desk of openDesks) grant(desk.id, desk.projectKey, { type: 'open' });
  return [...desks.values()].sort((a, b) => Number(a.serviceDeskId) - Number(b.serviceDeskId));
};

export const mayUseDesk = async (account: Pick<AccountRecord, 'accountId' | 'status'>, deskId: string): Promise<boolean> =>
  (await effectiveAccess(account)).access.some((a) => a.serviceDeskId === deskId);

// ---- Staff permissions --------------------------------------------------------------------------
/** The desks a staff member is an agent of (one Query on the relations index). */
export const agentDeskIds = async (accountId: string): Promise<Set<string>> =>
  new Set((await accountGroups(accountId)).flatMap(({ group }) => (group.kind === 'deskAgents' ? [group.deskId] : [])));

/** Admins manage every desk; agents only their own. */
export const requireDeskAgent = async (caller: Caller, deskId: string): Promise<void> => {
  if (caller.kind !== 'staff') throw new Forbidden();
  if (caller.role === 'admin') return;
  if (!(await agentDeskIds(caller.accountId)).has(deskId)) throw new Forbidden('You are not an agent of this service desk');
};

/**
 * An agent may work with an organization linked to one of their desks, or one linked to no desk yet (such as one
 * they just created). Admins may work with any.
 */
export const requireOrganizationAccess = async (caller: Caller, organization: OrganizationRecord): Promise<void> => {
  if (caller.kind === 'customer') {
    // A customer reads the organizations they belong to, nothing else.
    if (await isMember({ kind: 'organizationMembers', organizationId: organization.id }, caller.accountId)) return;
    throw new NotFound('No organization with this id', 'sd.organization.error.not.found');
  }
  if (caller.kind !== 'staff') throw new Forbidden();
  if (caller.role === 'admin') return;
  const linked = Object.keys(organization.desks ?? {});
  if (linked.length === 0) return;
  const mine = await agentDeskIds(caller.accountId);
  if (!linked.some((id) => mine.has(id))) throw new Forbidden('This organization is not linked to any of your service desks');
};
