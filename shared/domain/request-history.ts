/**
 * Reading what happened on a request: its comments, one comment, its participants and its status history. Kept
 * apart from the changes (request-conversation.ts), which mail people: the functions that only read carry no mail
 * client.
 */
import { NotFound } from '#errors';
import { getAccounts } from '#store/accounts';
import type { CommentRecord } from '#store/entities/comment';
import { getComment, participantsOf, queryComments, queryStatusChanges } from '#store/requests';
import { requestFor } from './requests';
import type { Caller } from '#model/caller';
import { slicePage, type PageRequest } from '#model/page';


// ---- Comments -----------------------------------------------------------------------------------
/** `public` and `internal` say which comments to list (JSM); customers never see internal ones. */
export const listComments = async (caller: Caller, ref: string, page: PageRequest & { public: boolean; internal: boolean }) => {
  const { request, viewer } = await requestFor(caller, ref);
  const internal = page.internal && viewer !== 'customer';
  if (!page.public && !internal) return slicePage<CommentRecord>([], page);
  return queryComments(request.issueId, page, page.public && internal ? undefined : page.public ? 'public' : 'internal');
};

/** One comment; an internal one is hidden from customers as if it did not exist. */
export const commentOf = async (caller: Caller, ref: string, commentId: string): Promise<CommentRecord> => {
  const { request, viewer } = await requestFor(caller, ref);
  const comment = await getComment(request.issueId, commentId);
  if (!comment || (viewer === 'customer' && !comment.public)) throw new NotFound('No comment with this id on this request, or you may not see it', 'sd.comment.error.not.found');
  return comment;
};

/**
 * Status history, newest first: the changes recorded since history was kept, then (on the last page) the request's
 * first status when it was raised; for a request whose earlier changes were not recorded, its current status.
 */
export const statusHistory = async (caller: Caller, ref: string, page: PageRequest) => {
  const { request } = await requestFor(caller, ref);
  const recorded = await queryStatusChanges(request.issueId, page);
  const values = recorded.values.map((c) => ({ status: c.status, at: c.at }));
  if (recorded.isLastPage) {
    const unrecorded = !recorded.nextCursor && page.start === 0 && values.length === 0 && request.statusChangedAt !== request.createdAt;
    if (unrecorded) values.push({ status: request.status, at: request.statusChangedAt });
    values.push({ status: 'Waiting for support', at: request.createdAt });
  }
  return { ...recorded, values };
};

export const listParticipants = async (caller: Caller, ref: string) => {
  const { request } = await requestFor(caller, ref);
  return getAccounts(await participantsOf(request.issueId));
};

