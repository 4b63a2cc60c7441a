/**
 * Listing requests the JSM way: `requestOwnership` (OWNED_REQUESTS, PARTICIPATED_REQUESTS, ORGANIZATION,
 * ALL_ORGANIZATIONS, ALL_REQUESTS), `requestStatus` (OPEN_REQUESTS, CLOSED_REQUESTS, ALL_REQUESTS), `serviceDeskId`,
 * `searchTerm` (in the summary), newest first. Each source is one Query of its newest entries; several sources are
 * merged newest first, so a page reads at most start + limit + 1 entries from each.
 */
import { BadRequest } from '#errors';
import type { RequestRecord } from '#store/keys';
import { newestRequests, type RequestSource } from '#store/requests';
import { completedFor, reachOf, requestViewer, type RequestReach } from './request-access';
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
      ? reach.memberOf.includes(q.organizationId ?? '') ? [{ kind: 'organization', organizationId: q.organizationId ?? '' }] : []
      : reach.memberOf.map((organizationId) => ({ kind: 'organization', organizationId }));
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
  const shallow = q.start + q.limit + 1;
  const filtered = q.requestStatus !== 'ALL_REQUESTS' || q.serviceDeskId !== undefined || q.searchTerm !== undefined;
  const first = await collect(caller, q, filtered ? Math.max(DEEP, shallow) : shallow);
  // The rule dropped entries of a source that had more: read deep enough for a whole page (rare: a desk the caller
  // no longer may use, an organization unlinked).
  const again = !filtered && first.droppedFromFullSource ? await collect(caller, q, Math.max(DEEP, shallow)) : first;
  return slicePage(again.visible.filter(matches(q)).sort(newestFirst), q);
};

/** How deep a source is read when a page's entries may be filtered out (README: known limits). */
const DEEP = 1000;
const newestFirst = (a: RequestRecord, b: RequestRecord) => b.createdAt.localeCompare(a.createdAt) || Number(b.issueId) - Number(a.issueId);

const collect = async (caller: Caller, q: RequestListQuery, depth: number) => {
  const read = (source: RequestSource) => newestRequests(source, depth).then((requests) => ({ source, requests }));
  const reaching = reachOf(caller);
  const [partialReach, ownLists, reachLists] = await Promise.all([
    reaching,
    Promise.all(ownSources(caller, q).map(read)),
    reaching.then((known) => Promise.all(reachSources(caller, known, q).map(read))),
  ]);
  const lists = [...ownLists, ...reachLists];
  const reach = await completedFor(partialReach, lists.flatMap((l) => l.requests));
  const unique = new Map<string, RequestRecord>();
  let droppedFromFullSource = false;
  for (const { source, requests } of lists) {
    // A participant source lists the caller's participations: the rule needs no further read for them.
    const seen = requests.filter((r) => requestViewer(reach, r, source.kind === 'participant'));
    if (seen.length < requests.length && requests.length >= depth) droppedFromFullSource = true;
    for (const r of seen) unique.set(r.issueId, r);
  }
  return { visible: [...unique.values()], droppedFromFullSource };
};
