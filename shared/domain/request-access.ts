/**
 * Who may see and use a request: the one rule (README: Security). Admins see every request and a desk's agents
 * every request of their desk. Anyone else sees a request only while they may use its desk (effective access), and
 * only as its reporter, one of its participants, or a member of the organization it is shared with when that
 * organization is linked to the request's desk. Everyone else gets 404, as if the request did not exist.
 *
 * The single request, the request lists, comments, participants, transitions, sharing and the email channel all
 * decide through `requestViewer`; what it needs of the caller (`RequestReach`) is read once per call.
 */
import type { RequestRecord } from '#store/keys';
import { effectiveAccess } from './access';
import { isAdmin, type Caller } from './types';

export type Viewer = 'admin' | 'agent' | 'customer';

/** What the rule needs to know of one caller: read once, then applied to any number of requests. */
export interface RequestReach {
  accountId: string | undefined;
  admin: boolean;
  /** Desks the caller is an agent of. */
  agentOf: ReadonlySet<string>;
  /** Desks the caller may use now (effective access, agents' desks included). */
  usable: ReadonlySet<string>;
  /** The caller's organizations, each with the desks it is linked to. */
  organizationDesks: ReadonlyMap<string, ReadonlySet<string>>;
}

const NOBODY: RequestReach = { accountId: undefined, admin: false, agentOf: new Set(), usable: new Set(), organizationDesks: new Map() };

/**
 * Cost: the caller's relationships and the open desks (two Queries in parallel), then their organizations (one
 * BatchGetItem); nothing for admins. Authenticated callers are active accounts (the edge checked it).
 */
export const reachOf = async (caller: Caller): Promise<RequestReach> => {
  if (isAdmin(caller)) return { ...NOBODY, accountId: caller.kind === 'staff' ? caller.accountId : undefined, admin: true };
  if (caller.kind !== 'staff' && caller.kind !== 'customer') return NOBODY;
  return accountReach(caller.accountId);
};

/** The reach of an active account as a customer (or agent), whatever its role. */
export const accountReach = async (accountId: string): Promise<RequestReach> => {
  const { organizations, access } = await effectiveAccess({ accountId, status: 'active' });
  return {
    accountId,
    admin: false,
    agentOf: new Set(access.filter((a) => a.via.some((v) => v.type === 'agent')).map((a) => a.serviceDeskId)),
    usable: new Set(access.map((a) => a.serviceDeskId)),
    organizationDesks: new Map(organizations.map((o) => [o.id, new Set(Object.keys(o.desks ?? {}))])),
  };
};

/** May members of this organization share requests of this desk: the organization is linked to it. */
export const sharesThrough = (reach: RequestReach, organizationId: string, deskId: string): boolean =>
  reach.organizationDesks.get(organizationId)?.has(deskId) ?? false;

/** The rule itself. `isParticipant`: the caller is one of the request's participants. */
export const requestViewer = (reach: RequestReach, request: RequestRecord, isParticipant: boolean): Viewer | undefined => {
  if (reach.admin) return 'admin';
  if (reach.agentOf.has(request.serviceDeskId)) return 'agent';
  if (!reach.usable.has(request.serviceDeskId)) return undefined;
  const related =
    request.reporterId === reach.accountId ||
    isParticipant ||
    (request.organizationId !== undefined && sharesThrough(reach, request.organizationId, request.serviceDeskId));
  return related ? 'customer' : undefined;
};
