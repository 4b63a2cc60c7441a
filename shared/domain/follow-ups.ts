/**
 * Follow-up requests: a closed request takes no more replies, so a customer who still needs help raises a new
 * request from it, on the same desk and of the same type, linked to it (`followUpOf`), as a customer portal does.
 */
import { Conflict } from '#errors';
import type { Caller } from '#model/caller';
import type { RequestRecord } from '#store/entities/request';
import { createRequest, requestFor } from './requests';

export const raiseFollowUp = async (caller: Caller, ref: string, input: { summary: string; description?: string | undefined }): Promise<RequestRecord> => {
  const { request } = await requestFor(caller, ref);
  if (request.status !== 'Closed') throw new Conflict(`${request.issueKey} is not closed: reply on it instead`, 'sd.request.error.not.closed', [request.issueKey]);
  return createRequest(
    caller,
    { serviceDeskId: request.serviceDeskId, requestTypeId: request.requestTypeId, summary: input.summary, description: input.description ?? '' },
    caller.kind === 'customer' ? 'portal' : 'api',
    { followUpOf: request },
  );
};
