/**
 * Listing requests the JSM way: `requestOwnership` (OWNED_REQUESTS, PARTICIPATED_REQUESTS, ORGANIZATION,
 * ALL_ORGANIZATIONS, ALL_REQUESTS), `requestStatus` (OPEN_REQUESTS, CLOSED_REQUESTS, ALL_REQUESTS), `serviceDeskId`,
 * `searchTerm` (in the summary), newest first. Each source is one Query of its newest entries; several sources are
 * merged newest first, so a page reads at most start + limit + 1 entries from each.
 */
import { BadRequest } from '#errors';
import type { RequestRecord } from '#store/keys';
import { newestRequests, type RequestSource } from '#store/requests';
import { reachOf, requestViewer, type RequestReach } from './request-access';
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

/**
 * The places to read from, for this caller and ownership; every request they return still passes the rule. The
 * caller's own lists (reported, participated) are known from the caller alone, so they are read while the caller's
 * reach is; organizations and desks come from the reach.
 */
const ownSources = (caller: Caller, q: RequestListQuery): RequestSource[] => {
  if (caller.kind !== 'staff' && caller.kind !== 'customer') return [];
  const own: RequestSource = { kind: 'reporter', accountId: caller.accountId };
  const participated: RequestSource = { kind: 'participant', accountId: caller.accountId };
  if (q.requestOwnership === 'OWNED_REQUESTS') return [own];
  if (q.requestOwnership === 'PARTICIPATED_REQUESTS') return [participated];
  return q.requestOwnership === 'ALL_REQUESTS' ? [own, participated] : [];
};

const reachSources = (caller: Caller, reach: RequestReach, q: RequestListQuery): RequestSource[] => {
  if (reach.accountId === undefined || q.requestOwnership === 'OWNED_REQUESTS' || q.requestOwnership === 'PARTICIPATED_REQUESTS') return [];
  const organizations: RequestSource[] =
    q.requestOwnership === 'ORGANIZATION'
      ? reach.organizationDesks.has(q.organizationId ?? '') ? [{ kind: 'organization', organizationId: q.organizationId ?? '' }] : []
      : [...reach.organizationDesks.keys()].map((organizationId) => ({ kind: 'organization', organizationId }));
  if (q.requestOwnership !== 'ALL_REQUESTS' || caller.kind !== 'staff') return organizations;
  // Staff also see every request of the desks they work on (admins: of every desk, given serviceDeskId).
  const desks: RequestSource[] =
    isAdmin(caller) && q.serviceDeskId
      ? [{ kind: 'desk', deskId: q.serviceDeskId }]
      : [...reach.agentOf].map((deskId) => ({ kind: 'desk' as const, deskId }));
  return [...organizations, ...desks];
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
  if (q.requestOwnership === 'ORGANIZATION' && !q.organizationId) {
    throw new BadRequest('requestOwnership=ORGANIZATION needs organizationId', 'sd.request.error.organization.id');
  }
  // The rule may drop entries too (a desk the caller no longer may use): read deep enough for a whole page.
  const filtered = !isAdmin(caller) || q.requestStatus !== 'ALL_REQUESTS' || q.serviceDeskId !== undefined || q.searchTerm !== undefined;
  const depth = filtered ? Math.max(1000, q.start + q.limit + 1) : q.start + q.limit + 1;
  const read = (source: RequestSource) => newestRequests(source, depth).then((requests) => ({ source, requests }));
  const reaching = reachOf(caller);
  const [reach, ownLists, reachLists] = await Promise.all([
    reaching,
    Promise.all(ownSources(caller, q).map(read)),
    reaching.then((known) => Promise.all(reachSources(caller, known, q).map(read))),
  ]);
  const lists = [...ownLists, ...reachLists];
  const unique = new Map<string, RequestRecord>();
  for (const { source, requests } of lists) {
    // A participant source lists the caller's participations: the rule needs no further read for them.
    for (const r of requests) if (requestViewer(reach, r, source.kind === 'participant')) unique.set(r.issueId, r);
  }
  const all = [...unique.values()]
    .filter(matches(q))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || Number(b.issueId) - Number(a.issueId));
  return slicePage(all, q);
};
