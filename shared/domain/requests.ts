/**
 * Customer requests (JSM "customer requests"): raised on a desk by a customer with effective access (or by staff on
 * their behalf), numbered `<DESKKEY>-<n>` from the desk's counter, seen by their reporter, participants, members of
 * the organization they are shared with, the desk's agents and admins. Everyone else gets 404.
 */
import { createHash } from 'node:crypto';
import { BadRequest, Conflict, Forbidden, NotFound } from '#errors';
import { getAccount, getAccounts } from '#store/accounts';
import { writeWithNextIds } from '#store/counters';
import { getRequestType } from '#store/desks';
import { deskRequestCounter, type AccountRecord, type RequestChannel, type RequestRecord } from '#store/keys';
import { isMember } from '#store/memberships';
import {
  claimIssueKeyItem, claimRequestFingerprintItem, getIssueIdByKey, getRequest, getRequestIdByFingerprint, participantsOf, putParticipantItem, putRequestItems,
} from '#store/requests';
import type { TransactItem } from '#store/transact';
import { agentDeskIds, mayUseDesk } from './access';
import { auditItems } from './audit';
import { resolveDesk } from './desks';
import { actorId, isAdmin, type Caller } from './types';

const notFound = () => new NotFound('No request with this id or key, or you may not see it', 'sd.request.error.not.found');

/** A request by issue id ("10001") or key ("HELP-1"). */
export const findRequest = async (ref: string): Promise<RequestRecord> => {
  const issueId = /^\d+$/.test(ref) ? ref : await getIssueIdByKey(ref);
  const request = issueId ? await getRequest(issueId) : undefined;
  if (!request) throw notFound();
  return request;
};

export type Viewer = 'admin' | 'agent' | 'customer';

/** How the caller sees this request, or 404 when they may not. */
export const viewerOf = async (caller: Caller, request: RequestRecord): Promise<Viewer> => {
  if (isAdmin(caller)) return 'admin';
  if (caller.kind === 'staff') {
    if ((await agentDeskIds(caller.accountId)).has(request.serviceDeskId)) return 'agent';
    if (request.reporterId === caller.accountId) return 'customer';
    throw notFound();
  }
  if (caller.kind !== 'customer') throw notFound();
  if (request.reporterId === caller.accountId) return 'customer';
  if ((await participantsOf(request.issueId)).includes(caller.accountId)) return 'customer';
  if (request.organizationId && (await isMember({ kind: 'organizationMembers', organizationId: request.organizationId }, caller.accountId))) {
    return 'customer';
  }
  throw notFound();
};

export const requestFor = async (caller: Caller, ref: string): Promise<{ request: RequestRecord; viewer: Viewer }> => {
  const request = await findRequest(ref);
  return { request, viewer: await viewerOf(caller, request) };
};

export interface NewRequest {
  serviceDeskId: string;
  requestTypeId: string;
  summary: string;
  description: string;
  raiseOnBehalfOf?: string | undefined;
  requestParticipants?: string[] | undefined;
  organizationId?: string | undefined;
}

const requireAccounts = async (ids: string[]): Promise<AccountRecord[]> => {
  const found = new Map((await getAccounts(ids)).map((a) => [a.accountId, a]));
  const unknown = ids.filter((id) => !found.get(id) || found.get(id)?.status === 'anonymized');
  if (unknown.length > 0) throw new BadRequest(`These account ids do not exist: ${unknown.join(', ')}`, 'sd.error.account.ids.unknown', unknown);
  return ids.map((id) => found.get(id)!);
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

/** How long a request raised through the API answers a second identical call: covers an API client's retries. */
export const RETRY_WINDOW_MS = 10 * 60_000;
class AlreadyRaised extends Error {}

const fingerprintOf = (caller: Caller, reporterId: string, input: NewRequest, participantIds: string[]): string =>
  createHash('sha256')
    .update(JSON.stringify([actorId(caller), reporterId, input.serviceDeskId, input.requestTypeId, input.summary, input.description, [...participantIds].sort(), input.organizationId ?? null]))
    .digest('base64url');

export const createRequest = async (caller: Caller, input: NewRequest, channel: RequestChannel, options: CreateOptions = {}): Promise<RequestRecord> => {
  const desk = await resolveDesk(input.serviceDeskId);
  const requestType = await getRequestType(desk.id, input.requestTypeId);
  if (!requestType) throw new BadRequest('No request type with this id on this service desk', 'sd.request.error.request.type');
  const reporter = await reporterFor(caller, desk.id, input.raiseOnBehalfOf);
  if (!reporter.staffRole && !options.accessReviewed && !(await mayUseDesk(reporter, desk.id))) {
    throw new Forbidden('This customer may not raise requests on this service desk');
  }
  if (input.requestParticipants?.length && caller.kind === 'customer') {
    throw new BadRequest('Customers add participants after raising the request', 'sd.request.error.participants');
  }
  const participants = await requireAccounts([...new Set(input.requestParticipants ?? [])].filter((id) => id !== reporter.accountId));
  if (input.organizationId && !(await isMember({ kind: 'organizationMembers', organizationId: input.organizationId }, reporter.accountId))) {
    throw new BadRequest('A request can be shared only with an organization its reporter belongs to', 'sd.request.error.organization');
  }
  const now = new Date().toISOString();
  // The email channel is made idempotent by its mail log; the API by the request's content, for a few minutes.
  const fingerprint = channel === 'email' ? undefined : fingerprintOf(caller, reporter.accountId, input, participants.map((p) => p.accountId));
  let created: RequestRecord | undefined;
  let extrasFrom = Number.POSITIVE_INFINITY;
  try {
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
          ...(input.organizationId ? { organizationId: input.organizationId } : {}),
          status: 'Waiting for support',
          statusChangedAt: now,
          channel,
          createdBy: caller.kind === 'staff' || caller.kind === 'customer' ? caller.accountId : 'system',
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        const items = [
          ...(fingerprint ? [claimRequestFingerprintItem(fingerprint, created.issueId, Date.parse(now) + RETRY_WINDOW_MS, Date.parse(now))] : []),
          claimIssueKeyItem(created.issueKey, created.issueId),
          ...putRequestItems(created, undefined),
          ...participants.map((p) => putParticipantItem(created!, p.accountId)),
          ...auditItems(caller, 'request.created', [{ type: 'servicedesk', id: desk.id }], { after: { issueKey: created.issueKey, channel } }),
        ];
        extrasFrom = items.length;
        return [...items, ...(options.extraItems?.(created) ?? [])];
      },
      (failed) => {
        if (fingerprint && failed.has(0)) return new AlreadyRaised();
        return options.onExtraRefused && [...failed].some((i) => i >= extrasFrom)
          ? options.onExtraRefused()
          : new BadRequest('The request could not be numbered; try again');
      },
    );
  } catch (error) {
    if (!(error instanceof AlreadyRaised) || !fingerprint) throw error;
    const earlier = await getRequestIdByFingerprint(fingerprint);
    const request = earlier ? await getRequest(earlier) : undefined;
    if (!request) throw new Conflict('The same request is being raised; try again');
    return request;
  }
  return created!;
};
