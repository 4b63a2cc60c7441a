/**
 * Listing requests the JSM way: `requestOwnership`, any of OWNED_REQUESTS, PARTICIPATED_REQUESTS, ORGANIZATION (one
 * organization given by organizationId, else all of the caller's), ALL_ORGANIZATIONS, APPROVER (none: there are no
 * approvals here), ALL_REQUESTS (staff also get their desks'); by default, as JSM, owned + participated +
 * organizations. Filters: `requestStatus`, `serviceDeskId`, `requestTypeId`, `searchTerm` (the key, or words of the summary). Latest
 * activity first. Each source is one Query of its newest entries, merged; every request still passes the rule.
 */
import type { RequestRecord } from '#store/entities/request';
import { newestRequests, type RequestSource } from '#store/requests';
import { completedFor, reachOf, requestViewer, type RequestReach } from './request-access';
import { slicePage } from '#model/page';
import { isAdmin, type Caller } from '#model/caller';
import { requireDeskAgent } from './access';

export type RequestOwnership = 'OWNED_REQUESTS' | 'PARTICIPATED_REQUESTS' | 'ORGANIZATION' | 'ALL_ORGANIZATIONS' | 'APPROVER' | 'ALL_REQUESTS';
export type RequestStatusFilter = 'OPEN_REQUESTS' | 'CLOSED_REQUESTS' | 'ALL_REQUESTS';
const DEFAULT_OWNERSHIP: RequestOwnership[] = ['OWNED_REQUESTS', 'PARTICIPATED_REQUESTS', 'ALL_ORGANIZATIONS'];

export interface RequestListQuery {
  requestOwnership?: RequestOwnership[] | undefined;
  requestStatus: RequestStatusFilter;
  approvalStatus?: string | undefined;
  serviceDeskId?: string | undefined;
  requestTypeId?: string | undefined;
  organizationId?: string | undefined;
  searchTerm?: string | undefined;
  /** Only the requests this account raised (the console's customers of a desk), as the caller may see them. */
  reporter?: string | undefined;
  start: number;
  limit: number;
}

const CLOSED = new Set(['Resolved', 'Closed']);

/**
 * The places to read from, for this caller and ownership. The caller's own lists (reported, participated) are known
 * from the caller alone, so they are read while the caller's reach is; organizations and desks come from the reach.
 */
const ownSources = (caller: Caller, wanted: ReadonlySet<RequestOwnership>): RequestSource[] => {
  if (caller.kind !== 'staff' && caller.kind !== 'customer') return [];
  const all = wanted.has('ALL_REQUESTS');
  return [
    ...(all || wanted.has('OWNED_REQUESTS') ? [{ kind: 'reporter' as const, accountId: caller.accountId }] : []),
    ...(all || wanted.has('PARTICIPATED_REQUESTS') ? [{ kind: 'participant' as const, accountId: caller.accountId }] : []),
  ];
};

const reachSources = (caller: Caller, reach: RequestReach, wanted: ReadonlySet<RequestOwnership>, q: RequestListQuery): RequestSource[] => {
  if (reach.accountId === undefined) return [];
  const all = wanted.has('ALL_REQUESTS');
  const mine = [...reach.memberOf];
  const one = wanted.has('ORGANIZATION') && q.organizationId !== undefined;
  const organizationIds =
    all || wanted.has('ALL_ORGANIZATIONS') || (wanted.has('ORGANIZATION') && !one) ? mine : one ? mine.filter((id) => id === q.organizationId) : [];
  const organizations: RequestSource[] = organizationIds.map((organizationId) => ({ kind: 'organization', organizationId }));
  if (!all || caller.kind !== 'staff') return organizations;
  // Staff also see every request of the desks they work on (admins: of every desk, given serviceDeskId).
  const desks: RequestSource[] =
    isAdmin(caller) && q.serviceDeskId
      ? [{ kind: 'desk', deskId: q.serviceDeskId }]
      : [...reach.agentOf].map((deskId) => ({ kind: 'desk' as const, deskId }));
  return [...organizations, ...desks];
};

/** The search term names the request's key, or each of its words is in the summary (in any case, in any order). */
const matchesTerm = (r: RequestRecord, term: string): boolean => {
  const wanted = term.trim().toLowerCase();
  if (r.issueKey.toLowerCase() === wanted) return true;
  const summary = r.summary.toLowerCase();
  return wanted.split(/\s+/).every((word) => summary.includes(word));
};

const matches = (q: RequestListQuery) => (r: RequestRecord) =>
  (q.requestStatus === 'ALL_REQUESTS' || (q.requestStatus === 'CLOSED_REQUESTS') === CLOSED.has(r.status)) &&
  (!q.serviceDeskId || r.serviceDeskId === q.serviceDeskId) &&
  (!q.requestTypeId || r.requestTypeId === q.requestTypeId) &&
  (!q.searchTerm || matchesTerm(r, q.searchTerm));

/** How deep a source is read when its first entries may not make the page (README: known limits). */
const DEEP = 1000;

/**
 * Latest activity first. The reporter's, the desk's and the organization's entries are ordered by activity, so
 * without filters a page reads start + limit + 1 of each; a participant's are ordered by creation, so they are read
 * deep. Filters, and entries the access rule drops from a full source, make every source read deep.
 */
export const listRequests = async (caller: Caller, q: RequestListQuery): Promise<{ values: RequestRecord[]; isLastPage: boolean }> => {
  // No approvals exist here: an approval filter or the approver's list is empty.
  const wanted = new Set(q.requestOwnership?.length ? q.requestOwnership : DEFAULT_OWNERSHIP);
  if (q.approvalStatus !== undefined) wanted.clear();
  const shallow = q.start + q.limit + 1;
  const filtered = q.requestStatus !== 'ALL_REQUESTS' || q.serviceDeskId !== undefined || q.requestTypeId !== undefined || q.searchTerm !== undefined;
  const first = await collect(caller, reachOf(caller), q, wanted, filtered ? Math.max(DEEP, shallow) : shallow);
  // The deep read reuses the caller's reach read for the first.
  const again = !filtered && first.droppedFromFullSource ? await collect(caller, Promise.resolve(first.reach), q, wanted, Math.max(DEEP, shallow)) : first;
  const all = again.visible
    .filter(matches(q))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || Number(b.issueId) - Number(a.issueId));
  return slicePage(all, q);
};

const collect = async (caller: Caller, reaching: Promise<RequestReach>, q: RequestListQuery, wanted: ReadonlySet<RequestOwnership>, depth: number) => {
  const depthOf = (source: RequestSource) => (source.kind === 'participant' ? Math.max(DEEP, depth) : depth);
  const read = (source: RequestSource) => newestRequests(source, depthOf(source)).then((requests) => ({ source, requests }));
  // One reporter's requests: their own list alone, every request of it still passing the rule for the caller.
  const own: RequestSource[] = q.reporter ? [{ kind: 'reporter', accountId: q.reporter }] : ownSources(caller, wanted);
  const [partialReach, ownLists, reachLists] = await Promise.all([
    reaching,
    Promise.all(own.map(read)),
    reaching.then((known) => Promise.all((q.reporter ? [] : reachSources(caller, known, wanted, q)).map(read))),
  ]);
  const lists = [...ownLists, ...reachLists];
  const reach = await completedFor(partialReach, lists.flatMap((l) => l.requests));
  const unique = new Map<string, RequestRecord>();
  let droppedFromFullSource = false;
  for (const { source, requests } of lists) {
    // A participant source lists the caller's participations: the rule needs no further read for them.
    const seen = requests.filter((r) => requestViewer(reach, r, source.kind === 'participant'));
    // Participations are read deep already: reading them again would find the same.
    if (seen.length < requests.length && requests.length >= depthOf(source) && source.kind !== 'participant') droppedFromFullSource = true;
    for (const r of seen) unique.set(r.issueId, r);
  }
  return { visible: [...unique.values()], droppedFromFullSource, reach };
};

/**
 * The requests one customer raised on one desk, latest activity first, for the desk's agents and admins: the
 * reporter's own list, each request passing the one access rule for the caller.
 */
export const requestsRaisedBy = async (caller: Caller, accountId: string, q: Omit<RequestListQuery, 'reporter'> & { serviceDeskId: string }) => {
  await requireDeskAgent(caller, q.serviceDeskId);
  return listRequests(caller, { ...q, reporter: accountId });
};
