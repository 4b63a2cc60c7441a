/**
 * Who may see and use a request: the one rule (README: Security). Admins see every request and a desk's agents
 * every request of their desk. Anyone else sees a request only while they may use its desk (effective access), and
 * only as its reporter, one of its participants, or a member of the organization it is shared with when that
 * organization is linked to the request's desk. Everyone else gets 404, as if the request did not exist.
 *
 * The single request, the request lists, comments, participants, transitions, sharing and the email channel all
 * decide through `requestViewer`; what it needs of the caller (`RequestReach`) is read once per call, and the
 * caller's organizations only when a decision depends on them.
 */
import type { RequestRecord } from '#store/entities/request';
import type { DeskRecord } from '#store/entities/desk';
import { openDesks } from './open-desks';
import { peekDeskConfig } from './desk-config';
import { accountGroups, type AccountGroup } from '#store/memberships';
import { activeOrganizations, grantsOf, memberOrganizationIds } from './access';
import { isAdmin, type Caller } from '#model/caller';

export type Viewer = 'admin' | 'agent' | 'customer';

/** What the rule needs to know of one caller: read once, then applied to any number of requests. */
export interface RequestReach {
  accountId: string | undefined;
  admin: boolean;
  /** Desks the caller is an agent of. */
  agentOf: ReadonlySet<string>;
  /** Desks the caller may use now (effective access): without the organizations' until they are read. */
  usable: ReadonlySet<string>;
  /** The organizations the caller is a member of. */
  memberOf: readonly string[];
  /** Those organizations (active ones) with the desks each is linked to: read only when a decision needs them. */
  organizationDesks: ReadonlyMap<string, ReadonlySet<string>> | undefined;
}

const NOBODY: RequestReach = { accountId: undefined, admin: false, agentOf: new Set(), usable: new Set(), memberOf: [], organizationDesks: new Map() };

/**
 * Cost: the caller's relationships and the open desks (two Queries in parallel, the second remembered by a warm
 * function for a few seconds: warm-memory.ts); nothing for admins. Their
 * organizations (one BatchGetItem) are read later, and only for a request that needs them (`completedFor`).
 * Authenticated callers are active accounts (the edge checked it).
 */
export const reachOf = async (caller: Caller): Promise<RequestReach> => {
  if (isAdmin(caller)) return { ...NOBODY, accountId: caller.kind === 'staff' ? caller.accountId : undefined, admin: true };
  if (caller.kind !== 'staff' && caller.kind !== 'customer') return NOBODY;
  return accountReach(caller.accountId);
};

/** The reach of an active account as a customer (or agent), whatever its role. */
export const accountReach = async (accountId: string): Promise<RequestReach> => {
  const [groups, open] = await Promise.all([accountGroups(accountId), openDesks()]);
  return reachFrom(accountId, groups, open);
};

/**
 * The reach of an account as far as one desk goes, whose item is read anyway: whether it is open is on the item, so
 * the open desks are not read (one Query instead of two). `usable` holds only that desk among the open ones.
 */
export const accountReachOnDesk = async (accountId: string, desk: Promise<DeskRecord>): Promise<RequestReach> => {
  const [groups, known] = await Promise.all([accountGroups(accountId), desk]);
  return reachFrom(accountId, groups, known.access === 'open' ? [known] : []);
};

/**
 * The reporter's reach for a new request on one desk, read alongside the desk. A customer raising on an open desk and
 * sharing it with nobody may use it whatever their groups: when this function holds that desk already (warm memory),
 * their groups are not read and `usable` holds that desk alone.
 */
export const reachForNewRequest = (caller: Caller, reporterId: string, deskRef: string, desk: Promise<DeskRecord>, sharing: boolean): Promise<RequestReach> => {
  const customerAlone = caller.kind === 'customer' && !sharing && peekDeskConfig(deskRef)?.desk.access === 'open';
  if (!customerAlone) return accountReachOnDesk(reporterId, desk);
  return desk.then((known) => (known.access === 'open' ? reachFrom(reporterId, [], [known]) : accountReachOnDesk(reporterId, Promise.resolve(known))));
};

const reachFrom = (accountId: string, groups: AccountGroup[], openDesks: Array<Pick<DeskRecord, 'id' | 'projectKey'>>): RequestReach => {
  const access = grantsOf(groups, openDesks, []);
  return {
    accountId,
    admin: false,
    agentOf: new Set(access.filter((a) => a.via.some((v) => v.type === 'agent')).map((a) => a.serviceDeskId)),
    usable: new Set(access.map((a) => a.serviceDeskId)),
    memberOf: memberOrganizationIds(groups),
    organizationDesks: undefined,
  };
};

/** Whether deciding on this desk (and this shared organization) needs the caller's organizations read. */
const needsOrganizations = (reach: RequestReach, deskId: string, organizationId?: string): boolean =>
  reach.organizationDesks === undefined &&
  reach.memberOf.length > 0 &&
  !reach.agentOf.has(deskId) &&
  (!reach.usable.has(deskId) || (organizationId !== undefined && reach.memberOf.includes(organizationId)));

/** The reach, with the organizations read if any of these requests (desk, shared organization) needs them. */
export const completedFor = async (
  reach: RequestReach,
  requests: ReadonlyArray<{ serviceDeskId: string; organizationId?: string | undefined }>,
): Promise<RequestReach> => {
  if (!requests.some((r) => needsOrganizations(reach, r.serviceDeskId, r.organizationId))) return reach;
  const organizations = await activeOrganizations([...reach.memberOf]);
  const organizationDesks = new Map(organizations.map((o) => [o.id, new Set(Object.keys(o.desks ?? {}))]));
  return { ...reach, organizationDesks, usable: new Set([...reach.usable, ...[...organizationDesks.values()].flatMap((d) => [...d])]) };
};

/** May members of this organization share requests of this desk: the organization is linked to it. */
export const sharesThrough = (reach: RequestReach, organizationId: string, deskId: string): boolean => {
  if (needsOrganizations(reach, deskId, organizationId)) throw new Error('the reach was not completed for this desk');
  return reach.organizationDesks?.get(organizationId)?.has(deskId) ?? false;
};

/** The rule itself. `isParticipant`: the caller is one of the request's participants. */
export const requestViewer = (reach: RequestReach, request: RequestRecord, isParticipant: boolean): Viewer | undefined => {
  if (reach.admin) return 'admin';
  if (needsOrganizations(reach, request.serviceDeskId, request.organizationId)) throw new Error('the reach was not completed for this request');
  if (reach.agentOf.has(request.serviceDeskId)) return 'agent';
  if (!reach.usable.has(request.serviceDeskId)) return undefined;
  const related =
    request.reporterId === reach.accountId ||
    isParticipant ||
    (request.organizationId !== undefined && sharesThrough(reach, request.organizationId, request.serviceDeskId));
  return related ? 'customer' : undefined;
};
