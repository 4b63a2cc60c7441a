/**
 * Customer requests (JSM "customer requests"): raised on a desk by a customer with effective access (or by staff on
 * their behalf), numbered `<DESKKEY>-<n>` from the desk's counter, seen by whom the rule of `request-access` admits.
 * Everyone else gets 404.
 */
import { createHash } from 'node:crypto';
import { BadRequest, ClaimHeld, Conflict, Forbidden, NotFound } from '#errors';
import { getAccount, getAccounts } from '#store/accounts';
import type { AccountRecord } from '#store/entities/account';
import type { RequestChannel } from '#model/vocabulary';
import type { RequestRecord } from '#store/entities/request';
import {
  claimOnceItem, getCreatedOnce, getRequest, participantsOf, putParticipantItem, putRequestItems,
} from '#store/requests';
import { transactWrite, type Refusals, type TransactItem } from '#store/transact';
import { agentDeskIds, mayUseDesk } from './access';
import { completedFor, reachForNewRequest, reachOf, requestViewer, sharesThrough, type RequestReach, type Viewer } from './request-access';
import { auditItems } from './audit';
import { confirmNewRequest } from './request-confirmation';
import { nextRequestNumber } from './request-numbers';
import { deskIdByKey, resolveDeskWithRequestType } from './desks';
import { issueIdOf, parseIssueKey } from '#model/issue-ids';
import { carriedOver, customFieldValues } from './request-fields';
import { actorId, isAdmin, type Caller } from '#model/caller';
import { unknownAccounts } from './people';

const notFound = () => new NotFound('No request with this id or key, or you may not see it', 'sd.request.error.not.found');

/** A request's issue id from its id or its key (see #model/issue-ids); undefined when the key names no desk. */
export const issueIdOfRef = async (ref: string): Promise<string | undefined> => {
  if (/^\d+$/.test(ref)) return ref;
  const key = parseIssueKey(ref);
  const deskId = key ? await deskIdByKey(key.projectKey) : undefined;
  return key && deskId ? issueIdOf(deskId, key.number) : undefined;
};

/** A request by issue id ("10001") or key ("HELP-1"). */
export const findRequest = async (ref: string): Promise<RequestRecord> => {
  const issueId = await issueIdOfRef(ref);
  const request = issueId ? await getRequest(issueId) : undefined;
  if (!request) throw notFound();
  return request;
};

/** How the caller sees this request (the rule of `request-access`), or 404 when they may not. */
export const viewerOf = async (caller: Caller, request: RequestRecord, reach?: RequestReach): Promise<Viewer> => {
  const known = await completedFor(reach ?? (await reachOf(caller)), [request]);
  let viewer = requestViewer(known, request, false);
  // Participants are read only when they can make the difference.
  if (!viewer && known.accountId !== undefined && known.usable.has(request.serviceDeskId)) {
    viewer = requestViewer(known, request, (await participantsOf(request.issueId)).includes(known.accountId));
  }
  if (!viewer) throw notFound();
  return viewer;
};

export const requestFor = async (caller: Caller, ref: string): Promise<{ request: RequestRecord; viewer: Viewer }> => {
  // The caller's reach does not depend on the request: both are read at once.
  const [request, reach] = await Promise.all([findRequest(ref), reachOf(caller)]);
  return { request, viewer: await viewerOf(caller, request, reach) };
};

export interface NewRequest {
  serviceDeskId: string;
  requestTypeId: string;
  summary: string;
  description: string;
  raiseOnBehalfOf?: string | undefined;
  requestParticipants?: string[] | undefined;
  organizationId?: string | undefined;
  /** requestFieldValues beyond summary and description, checked against the request type's fields. */
  customFields?: Record<string, unknown> | undefined;
}

/**
 * Participants must be people who may use the desk (JSM): the same rule as raising a request for them. Unknown,
 * anonymized and not-allowed accounts get one answer, so it tells nothing about anyone.
 */
export const requireParticipants = async (deskId: string, ids: string[]): Promise<AccountRecord[]> => {
  const accounts = await getAccounts(ids);
  const allowed = await Promise.all(accounts.map(async (a) => (a.status === 'active' || a.status === 'invited') && (await mayUseDesk(a, deskId))));
  const ok = new Set(accounts.filter((_, i) => allowed[i]).map((a) => a.accountId));
  const refused = ids.filter((id) => !ok.has(id));
  if (refused.length > 0) {
    throw new BadRequest(`These accounts cannot be participants: they do not exist or may not use this service desk: ${refused.join(', ')}`, 'sd.request.error.participants', refused);
  }
  return accounts;
};

/** Who the request is for: a customer raises for themselves; staff for themselves or for a customer. */
const reporterIdFor = (caller: Caller, onBehalfOf?: string): string => {
  if (caller.kind === 'customer') {
    if (onBehalfOf && onBehalfOf !== caller.accountId) throw new BadRequest('Customers cannot raise requests on behalf of others', 'sd.request.error.on.behalf');
    return caller.accountId;
  }
  if (caller.kind !== 'staff') throw new Forbidden();
  return onBehalfOf ?? caller.accountId;
};

/** For the email channel: items written in the request's transaction (the mail log), and an admin's review. */
export interface CreateOptions {
  extraItems?: (created: RequestRecord) => TransactItem[];
  /** The errors, by label, when one of the extra items' conditions fails. */
  extraRefusals?: Refusals<string>;
  /** An admin accepted a refused email: the desk's access rule is waived for this one request. */
  accessReviewed?: boolean;
  /**
   * The closed request this one follows up: the custom field values its request type still takes are carried over
   * (under the input's), and so is its organization, unless the reporter may no longer share with it.
   */
  followUpOf?: RequestRecord;
}

/** How long a request or comment created through the API answers a second identical call: an API client's retries. */
export const RETRY_WINDOW_MS = 10 * 60_000;
/** The claim of a call's content is held: the same call was made before, and this is its retry. */
export class SameCallAgain extends Error {}

/** The content of a call (who, where, what), as the key of its claim. */
export const callFingerprint = (caller: Caller, ...content: unknown[]): string =>
  createHash('sha256').update(JSON.stringify([actorId(caller), ...content])).digest('base64url');

/**
 * Everything the checks need is read at once (the desk with its request types in one Query, remembered by a warm
 * function; the reporter's groups, unless a customer raises on an open desk this function holds, sharing with
 * nobody; the caller's desks; the participants); then the desk's counter gives the number (a warm function under a
 * burst has it leased already: request-numbers.ts); then one transaction writes the request, its
 * participants and the audit event. Three stages after authentication cold, one or two warm.
 */
export const createRequest = async (caller: Caller, input: NewRequest, channel: RequestChannel, options: CreateOptions = {}): Promise<RequestRecord> => {
  const reporterId = reporterIdFor(caller, input.raiseOnBehalfOf);
  if (input.requestParticipants?.length && caller.kind === 'customer') {
    throw new BadRequest('Customers add participants after raising the request', 'sd.request.error.participants');
  }
  // Staff raising for someone else must be agents of the desk: their own desks, read alongside the reporter's.
  const callerDesksOf =
    caller.kind === 'staff' && !isAdmin(caller) && reporterId !== caller.accountId ? agentDeskIds(caller.accountId) : undefined;
  const participantIds = [...new Set(input.requestParticipants ?? [])].filter((id) => id !== reporterId);
  const deskAndType = resolveDeskWithRequestType(input.serviceDeskId, input.requestTypeId);
  const sharing = input.organizationId !== undefined || Object.keys(input.customFields ?? {}).length > 0 || options.followUpOf?.organizationId !== undefined;
  const [{ desk, requestType }, reporter, partialReach, callerDesks, participants] = await Promise.all([
    deskAndType,
    caller.kind === 'customer' && caller.account ? caller.account : getAccount(reporterId),
    reachForNewRequest(caller, reporterId, input.serviceDeskId, deskAndType.then((d) => d.desk), sharing),
    callerDesksOf,
    // Checked after the desk, so that an unknown desk is what the caller hears first.
    requireParticipants(input.serviceDeskId, participantIds).then((accounts) => () => accounts, (error: unknown) => () => { throw error; }),
  ]);
  if (!requestType) throw new BadRequest('No request type with this id on this service desk', 'sd.request.error.request.type');
  // The type's fields decide what requestFieldValues may hold; its Organizations field is the organization shared with.
  const carried = options.followUpOf ? carriedOver(requestType, options.followUpOf, input) : { values: {} };
  const chosen = customFieldValues(requestType, { ...carried.values, ...input.customFields, ...(input.organizationId ? { organizationId: input.organizationId } : {}) }, channel !== 'email');
  const reach = await completedFor(partialReach, [{ serviceDeskId: desk.id, organizationId: chosen.organizationId }]);
  // A follow-up shares with its closed request's organization while the reporter still may; otherwise with nobody.
  const unshared = carried.organizationId !== undefined && !sharesThrough(reach, carried.organizationId, desk.id);
  const organizationId = unshared ? undefined : chosen.organizationId;
  const fieldValues = unshared ? chosen.fieldValues.filter((v) => !Array.isArray(v.value)) : chosen.fieldValues;
  if (caller.kind === 'staff' && !isAdmin(caller) && !(callerDesks ?? reach.agentOf).has(desk.id)) throw new Forbidden('You are not an agent of this service desk');
  if (!reporter || reporter.status === 'anonymized') {
    throw unknownAccounts([reporterId]);
  }
  const mayUse = (reporter.status === 'active' || reporter.status === 'invited') && reach.usable.has(desk.id);
  if (!reporter.staffRole && !options.accessReviewed && !mayUse) throw new Forbidden('This customer may not raise requests on this service desk');
  if (organizationId && !sharesThrough(reach, organizationId, desk.id)) {
    throw new BadRequest(
      'A request can be shared only with an organization its reporter belongs to and that is linked to its service desk',
      'sd.request.error.organization',
    );
  }

  const participating = participants();
  const number = await nextRequestNumber(desk.id);
  const now = new Date().toISOString();
  const created: RequestRecord = {
    issueId: issueIdOf(desk.id, number),
    issueKey: `${desk.projectKey}-${number}`,
    serviceDeskId: desk.id,
    requestTypeId: requestType.id,
    summary: input.summary,
    description: input.description,
    reporterId: reporter.accountId,
    ...(organizationId ? { organizationId } : {}),
    status: 'Waiting for support',
    statusChangedAt: now,
    ...(fieldValues.length > 0 ? { fieldValues } : {}),
    channel,
    ...(options.followUpOf ? { followUpOf: options.followUpOf.issueKey } : {}),
    createdBy: caller.kind === 'staff' || caller.kind === 'customer' ? caller.accountId : 'system',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  // The email channel is made idempotent by its mail log; the API by the request's content, for a few minutes.
  const fingerprint =
    channel === 'email'
      ? undefined
      : callFingerprint(caller, reporter.accountId, desk.id, requestType.id, input.summary, input.description, participating.map((p) => p.accountId).sort(), organizationId ?? null, fieldValues);
  const items = [
    ...(fingerprint ? [claimOnceItem(fingerprint, { issueId: created.issueId }, Date.parse(now) + RETRY_WINDOW_MS, Date.parse(now))] : []),
    ...putRequestItems(created, undefined),
    ...participating.map((p) => putParticipantItem(created, p.accountId)),
    ...auditItems(caller, 'request.created', [{ type: 'servicedesk', id: desk.id }], { after: { issueKey: created.issueKey, channel } }),
  ];
  try {
    await transactWrite(
      [...items, ...(options.extraItems?.(created) ?? [])],
      { onceClaim: () => new SameCallAgain(), ...options.extraRefusals },
      () => new ClaimHeld('The request could not be numbered; try again'),
    );
  } catch (error) {
    // A retried call whose first answer was lost: that request (its number taken for this call is a gap).
    if (!(error instanceof SameCallAgain) || !fingerprint) throw error;
    const earlier = await getCreatedOnce(fingerprint);
    const request = earlier ? await getRequest(earlier.issueId) : undefined;
    if (!request) throw new Conflict('The same request is being raised; try again');
    return request;
  }
  // The email channel acknowledges through its mail log (and the mail log's review, itself); a retried call that
  // found the request above is not confirmed again: at most once (request-confirmation.ts).
  if (channel !== 'email') await confirmNewRequest(created, reporter, desk);
  return created;
};
