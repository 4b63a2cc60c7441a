/**
 * Customer requests (JSM "customer requests"): raised on a desk by a customer with effective access (or by staff on
 * their behalf), numbered `<DESKKEY>-<n>` from the desk's counter, seen by whom the rule of `request-access` admits.
 * Everyone else gets 404.
 */
import { BadRequest, Forbidden, NotFound } from '#errors';
import { getAccount, getAccounts } from '#store/accounts';
import { writeWithNextIds } from '#store/counters';
import { getRequestType } from '#store/desks';
import { deskRequestCounter, type AccountRecord, type RequestChannel, type RequestRecord } from '#store/keys';
import { claimIssueKeyItem, getIssueIdByKey, getRequest, participantsOf, putParticipantItem, putRequestItems } from '#store/requests';
import type { TransactItem } from '#store/transact';
import { agentDeskIds, mayUseDesk } from './access';
import { accountReach, reachOf, requestViewer, sharesThrough, type RequestReach, type Viewer } from './request-access';
import { auditItems } from './audit';
import { resolveDesk } from './desks';
import { customFieldValues } from './request-fields';
import { isAdmin, type Caller } from './types';

const notFound = () => new NotFound('No request with this id or key, or you may not see it', 'sd.request.error.not.found');

/** A request by issue id ("10001") or key ("HELP-1"). */
export const findRequest = async (ref: string): Promise<RequestRecord> => {
  const issueId = /^\d+$/.test(ref) ? ref : await getIssueIdByKey(ref);
  const request = issueId ? await getRequest(issueId) : undefined;
  if (!request) throw notFound();
  return request;
};

/** How the caller sees this request (the rule of `request-access`), or 404 when they may not. */
export const viewerOf = async (caller: Caller, request: RequestRecord, reach?: RequestReach): Promise<Viewer> => {
  const known = reach ?? (await reachOf(caller));
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

const requireAccounts = async (ids: string[]): Promise<AccountRecord[]> => {
  const found = new Map((await getAccounts(ids)).map((a) => [a.accountId, a]));
  const unknown = ids.filter((id) => !found.get(id) || found.get(id)?.status === 'anonymized');
  if (unknown.length > 0) throw new BadRequest(`These account ids do not exist: ${unknown.join(', ')}`, 'sd.error.account.ids.unknown', unknown);
  return ids.map((id) => found.get(id)!);
};

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

/** The reporter: a customer raises for themselves; staff for themselves or, as agents of the desk, for a customer. */
const reporterFor = async (caller: Caller, deskId: string, onBehalfOf?: string): Promise<AccountRecord> => {
  if (caller.kind === 'customer') {
    if (onBehalfOf && onBehalfOf !== caller.accountId) throw new BadRequest('Customers cannot raise requests on behalf of others', 'sd.request.error.on.behalf');
    const self = await getAccount(caller.accountId);
    if (!self) throw notFound();
    return self;
  }
  if (caller.kind !== 'staff') throw new Forbidden();
  if (!isAdmin(caller) && !(await agentDeskIds(caller.accountId)).has(deskId)) throw new Forbidden('You are not an agent of this service desk');
  const [reporter] = await requireAccounts([onBehalfOf ?? caller.accountId]);
  return reporter!;
};

/** For the email channel: items written in the request's transaction (the mail log), and an admin's review. */
export interface CreateOptions {
  extraItems?: (created: RequestRecord) => TransactItem[];
  /** The error when one of the extra items' conditions fails. */
  onExtraRefused?: () => Error;
  /** An admin accepted a refused email: the desk's access rule is waived for this one request. */
  accessReviewed?: boolean;
}

export const createRequest = async (caller: Caller, input: NewRequest, channel: RequestChannel, options: CreateOptions = {}): Promise<RequestRecord> => {
  const desk = await resolveDesk(input.serviceDeskId);
  const requestType = await getRequestType(desk.id, input.requestTypeId);
  if (!requestType) throw new BadRequest('No request type with this id on this service desk', 'sd.request.error.request.type');
  const { fieldValues, organizationId } = customFieldValues(requestType, { ...input.customFields, organizationId: input.organizationId }, channel !== 'email');
  const reporter = await reporterFor(caller, desk.id, input.raiseOnBehalfOf);
  if (!reporter.staffRole && !options.accessReviewed && !(await mayUseDesk(reporter, desk.id))) {
    throw new Forbidden('This customer may not raise requests on this service desk');
  }
  if (input.requestParticipants?.length && caller.kind === 'customer') {
    throw new BadRequest('Customers add participants after raising the request', 'sd.request.error.participants');
  }
  const participants = await requireParticipants(desk.id, [...new Set(input.requestParticipants ?? [])].filter((id) => id !== reporter.accountId));
  if (organizationId && !sharesThrough(await accountReach(reporter.accountId), organizationId, desk.id)) {
    throw new BadRequest(
      'A request can be shared only with an organization its reporter belongs to and that is linked to its service desk',
      'sd.request.error.organization',
    );
  }
  const now = new Date().toISOString();
  let created: RequestRecord | undefined;
  let extrasFrom = Number.POSITIVE_INFINITY;
  await writeWithNextIds(
    ['request', deskRequestCounter(desk.id)],
    ([issueId = '', number = '']) => {
      created = {
        issueId: String(10000 + Number(issueId)),
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
        createdBy: caller.kind === 'staff' || caller.kind === 'customer' ? caller.accountId : 'system',
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      const items = [
        claimIssueKeyItem(created.issueKey, created.issueId),
        ...putRequestItems(created, undefined),
        ...participants.map((p) => putParticipantItem(created!, p.accountId)),
        ...auditItems(caller, 'request.created', [{ type: 'servicedesk', id: desk.id }], { after: { issueKey: created.issueKey, channel } }),
      ];
      extrasFrom = items.length;
      return [...items, ...(options.extraItems?.(created) ?? [])];
    },
    (failed) =>
      options.onExtraRefused && [...failed].some((i) => i >= extrasFrom)
        ? options.onExtraRefused()
        : new BadRequest('The request could not be numbered; try again'),
  );
  return created!;
};
