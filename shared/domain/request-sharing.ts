/**
 * Sharing a request with an organization after it is raised (the portal's "Share with"). The reporter alone decides
 * whom their request is shared with: they share it with one of their organizations linked to its desk (the rule of
 * request-access, as on raising), or stop sharing it.
 */
import { BadRequest, Forbidden, LostUpdate } from '#errors';
import type { RequestRecord } from '#store/entities/request';
import { putRequestItems } from '#store/requests';
import { transactWrite } from '#store/transact';
import { auditItems } from './audit';
import { completedFor, reachOf, sharesThrough } from './request-access';
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
