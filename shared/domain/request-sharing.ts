/**
 * Sharing a request with an organization after it is raised (the portal's "Share with"), and the mail that confirms
 * a request raised in the portal. The reporter alone decides whom their request is shared with: they share it with
 * one of their organizations linked to its desk (the rule of request-access, as on raising), or stop sharing it.
 */
import { randomUUID } from 'node:crypto';
import { BadRequest, Forbidden, LostUpdate } from '#errors';
import { logger } from '#logger';
import { getAccount } from '#store/accounts';
import type { AccountRecord } from '#store/entities/account';
import type { RequestRecord } from '#store/entities/request';
import { putRequestItems } from '#store/requests';
import { transactWrite } from '#store/transact';
import { mailDomain, sendMail } from '#mail/ses';
import { requestReceivedMail } from '#mail/templates';
import { auditItems } from './audit';
import { requestLink } from './portal-links';
import { completedFor, reachOf, sharesThrough } from './request-access';
import { threadRoot } from './request-conversation';
import { findRequest, viewerOf } from './requests';
import type { Caller } from '#model/caller';

export const shareRequest = async (caller: Caller, ref: string, organizationId: string | null): Promise<void> => {
  const [request, reach] = await Promise.all([findRequest(ref), reachOf(caller)]);
  await viewerOf(caller, request, reach);
  if (request.reporterId !== reach.accountId) throw new Forbidden('Only the reporter of a request chooses whom it is shared with');
  if ((request.organizationId ?? null) === organizationId) return;
  if (organizationId !== null) {
    const known = await completedFor(reach, [{ serviceDeskId: request.serviceDeskId, organizationId }]);
    if (!sharesThrough(known, organizationId, request.serviceDeskId)) {
      throw new BadRequest('A request can be shared only with an organization its reporter belongs to and that is linked to its service desk', 'sd.request.error.organization');
    }
  }
  const { organizationId: previous, ...rest } = request;
  const shared: RequestRecord = { ...rest, ...(organizationId ? { organizationId } : {}), version: request.version + 1 };
  await transactWrite(
    [
      ...putRequestItems(shared, request.version),
      ...auditItems(caller, 'request.shared', [{ type: 'servicedesk', id: request.serviceDeskId }], {
        before: { issueKey: request.issueKey, organizationId: previous ?? null },
        after: { issueKey: request.issueKey, organizationId },
      }),
    ],
    { request: () => new LostUpdate('The request changed meanwhile; try again') },
  );
};

/**
 * The desk acknowledges every new request, as it does one raised by email: the reporter gets the same "we received
 * your request" mail when they raise it in the portal (unless they muted it). A failed send is logged: the request
 * is raised all the same, and the portal has already said so. The reporter's account, when the caller holds it, is
 * not read again; the mail's thread needs no stored id (its subject names the request, its References our thread).
 */
export const acknowledgeRequest = async (request: RequestRecord, known?: AccountRecord): Promise<void> => {
  const reporter = known?.accountId === request.reporterId ? known : await getAccount(request.reporterId);
  if (!reporter?.email || reporter.status !== 'active' || (request.mutedBy ?? []).includes(reporter.accountId)) return;
  await sendMail({
    to: reporter.email,
    ...requestReceivedMail({ issueKey: request.issueKey, summary: request.summary, link: requestLink(request.issueKey) }),
    messageId: `<request-${request.issueId}-${randomUUID()}@${mailDomain()}>`,
    inReplyTo: threadRoot(request),
    headers: { 'Auto-Submitted': 'auto-generated' },
  }).catch((error: unknown) => logger.error('acknowledgement not sent', { issueKey: request.issueKey, error: error as Error }));
};
