/**
 * Listing requests the JSM way: `requestOwnership` (OWNED_REQUESTS, PARTICIPATED_REQUESTS, ORGANIZATION,
 * ALL_ORGANIZATIONS, ALL_REQUESTS), `requestStatus` (OPEN_REQUESTS, CLOSED_REQUESTS, ALL_REQUESTS), `serviceDeskId`,
 * `searchTerm` (in the summary), newest first. Each source is one Query of its newest entries; several sources are
 * merged newest first, so a page reads at most start + limit + 1 entries from each.
 */
import { BadRequest } from '#errors';
import type { RequestRecord } from '#store/keys';
import { accountGroups, isMember } from '#store/memberships';
import { newestRequests, type RequestSource } from '#store/requests';
import { agentDeskIds } from './access';
import { slicePage } from './paging';
import { isAdmin, type Caller } from './types';

export const REQUEST_OWNERSHIPS = ['OWNED_REQUESTS', 'PARTICIPATED_REQUESTS', 'ORGANIZATION', 'ALL_ORGANIZATIONS', 'ALL_REQUESTS'] as const;
export type RequestOwnership = (typeof REQUEST_OWNERSHIPS)[number];
export const REQUEST_STATUS_FILTERS = ['OPEN_REQUESTS', 'CLOSED_REQUESTS', 'ALL_REQUESTS'] as const;
export type RequestStatusFilter = (typeof REQUEST_STATUS_FILTERS)[number];

export interface RequestListQuery {
  requestOwnership: RequestOwnership;
  requestStatus: RequestStatusFilter;
  serviceDeskId?: string | undefined;
  organizationId?: string | undefined;
  searchTerm?: string | undefined;
  start: number;
  limit: number;
}

const CLOSED = new Set(['Resolved', 'Closed']);

const myOrganizationIds = async (accountId: string): Promise<string[]> =>
  (await accountGroups(accountId)).flatMap(({ group }) => (group.kind === 'organizationMembers' ? [group.organizationId] : []));

const sourcesFor = async (caller: Caller, q: RequestListQuery): Promise<RequestSource[]> => {
  if (caller.kind !== 'customer' && caller.kind !== 'staff') return [];
  const me = caller.accountId;
  const orgs = async () => {
    if (q.requestOwnership === 'ORGANIZATION') {
      if (!q.organizationId) throw new BadRequest('requestOwnership=ORGANIZATION needs organizationId', 'sd.request.error.organization.id');
      if (!(await isMember({ kind: 'organizationMembers', organizationId: q.organizationId }, me))) return [];
      return [q.organizationId];
    }
    return myOrganizationIds(me);
  };
  const own: RequestSource[] = [{ kind: 'reporter', accountId: me }];
  const participated: RequestSource[] = [{ kind: 'participant', accountId: me }];
  const organizations = async (): Promise<RequestSource[]> => (await orgs()).map((organizationId) => ({ kind: 'organization', organizationId }));
  switch (q.requestOwnership) {
    case 'OWNED_REQUESTS':
      return own;
    case 'PARTICIPATED_REQUESTS':
      return participated;
    case 'ORGANIZATION':
    case 'ALL_ORGANIZATIONS':
      return organizations();
    case 'ALL_REQUESTS': {
      // Staff also see every request of the desks they work on (admins: of every desk, given serviceDeskId).
      const desks: RequestSource[] =
        caller.kind === 'staff'
          ? isAdmin(caller) && q.serviceDeskId
            ? [{ kind: 'desk', deskId: q.serviceDeskId }]
            : [...(await agentDeskIds(me))].map((deskId) => ({ kind: 'desk' as const, deskId }))
          : [];
      return [...own, ...participated, ...(await organizations()), ...desks];
    }
  }
};

const matches = (q: RequestListQuery) => (r: RequestRecord) =>
  (q.requestStatus === 'ALL_REQUESTS' || (q.requestStatus === 'CLOSED_REQUESTS') === CLOSED.has(r.status)) &&
  (!q.serviceDeskId || r.serviceDeskId === q.serviceDeskId) &&
  (!q.searchTerm || r.summary.toLowerCase().includes(q.searchTerm.toLowerCase()));

/**
 * Filters are applied to what the sources return; a source is read up to 1,000 entries deep for a filtered page
 * (README: known limits).
 */
export const listRequests = async (caller: Caller, q: RequestListQuery): Promise<{ values: RequestRecord[]; isLastPage: boolean }> => {
  const sources = await sourcesFor(caller, q);
  const filtered = q.requestStatus !== 'ALL_REQUESTS' || q.serviceDeskId !== undefined || q.searchTerm !== undefined;
  const depth = filtered ? Math.max(1000, q.start + q.limit + 1) : q.start + q.limit + 1;
  const lists = await Promise.all(sources.map((s) => newestRequests(s, depth)));
  const unique = new Map<string, RequestRecord>();
  for (const r of lists.flat()) unique.set(r.issueId, r);
  const all = [...unique.values()]
    .filter(matches(q))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || Number(b.issueId) - Number(a.issueId));
  return slicePage(all, q);
};
