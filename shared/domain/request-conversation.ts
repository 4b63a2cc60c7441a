/**
 * Changes to a request after it is raised: comments (public, or internal for agents), participants, and status
 * transitions (reading them is request-history.ts). A public comment by an agent, or a status change, mails the reporter and the participants
 * (never the author), threaded by Message-ID so replies land on the request.
 */
import { BadRequest, Conflict, LostUpdate } from '#errors';
import { getAccounts } from '#store/accounts';
import { nextId } from '#store/counters';
import { requestCommentCounter } from '#store/entities/counter';
import type { CommentRecord } from '#store/entities/comment';
import type { RequestRecord } from '#store/entities/request';
import type { RequestStatus } from '#model/vocabulary';
import {
  changeStatusItems, claimOnceItem, deleteParticipantItem, getComment, getCreatedOnce, participantsOf, putCommentItem, putParticipantItem,
  recordOnceItem, touchRequestItem,
} from '#store/requests';
import { transactWrite, type Refusals, type TransactItem } from '#store/transact';
import { requestMessageId, requestThreadRoot } from '#mail/ses';
import { STATUS_IN_CUSTOMER_WORDS, requestUpdateMail } from '#mail/templates';
import { auditItems } from './audit';
import { sendThreadMail } from './mail-threads';
import { requestLink } from './portal-links';
import type { Viewer } from './request-access';
import { RETRY_WINDOW_MS, SameCallAgain, callFingerprint, requestFor, requireParticipants } from './requests';
import type { Caller } from '#model/caller';

/** A customer's reply to a closed request: the portal offers a follow-up request instead, and email raises one. */
export class RequestClosed extends Conflict {
  constructor(issueKey: string) {
    super(`${issueKey} is closed and takes no more replies: raise a follow-up request instead`, 'sd.request.error.closed', [issueKey]);
  }
}

const authorId = (caller: Caller) => (caller.kind === 'staff' || caller.kind === 'customer' ? caller.accountId : 'system');

/** The request changed between the read and the write guarded by its version (a lost update). */
const requestChanged = () => new LostUpdate('The request changed meanwhile; try again');

/** The reporter and the participants, but not the author nor whoever muted the request. */
const notify = async (request: RequestRecord, author: string, what: string, body?: string, status = request.status): Promise<void> => {
  const muted = new Set([author, ...(request.mutedBy ?? [])]);
  const recipients = [...new Set([request.reporterId, ...(await participantsOf(request.issueId))])].filter((id) => !muted.has(id));
  const accounts = await getAccounts(recipients);
  const mail = requestUpdateMail({ issueKey: request.issueKey, summary: request.summary, what, body, link: requestLink(request.issueKey), closed: status === 'Closed' });
  await Promise.all(
    accounts
      .filter((a) => a.email !== null && a.status === 'active')
      .map((a) => sendThreadMail(request, { to: a.email!, ...mail, messageId: requestMessageId(request.issueId), inReplyTo: requestThreadRoot(request.issueId) })),
  );
};

// ---- Comments -----------------------------------------------------------------------------------
/**
 * Customers comment in public only. A customer's reply to a request waiting for them, or to a resolved one, hands it
 * back to support in the same transaction; a closed request takes no more replies from customers (a follow-up does).
 */
export const addComment = async (
  caller: Caller,
  ref: string,
  input: { body: string; public: boolean },
  /**
   * For the email channel and attachments: items written in the comment's transaction (the mail log, the files), the
   * errors for their labels when they are refused (any other refusal is a lost update), and the request as the caller
   * already read it.
   */
  options: { extraItems?: (comment: CommentRecord) => TransactItem[]; extraRefusals?: Refusals<string>; found?: { request: RequestRecord; viewer: Viewer } } = {},
): Promise<CommentRecord> => {
  const { request, viewer } = options.found ?? (await requestFor(caller, ref));
  if (viewer === 'customer' && !input.public) throw new BadRequest('Customers can add public comments only', 'sd.request.error.internal.comment');
  if (viewer === 'customer' && request.status === 'Closed') throw new RequestClosed(request.issueKey);
  const now = new Date().toISOString();
  // As JSM: a customer's reply to a request waiting for them, or to a resolved one (which it reopens), hands it back.
  const handBack = viewer === 'customer' && (request.status === 'Waiting for customer' || request.status === 'Resolved');
  let comment: CommentRecord = { id: await nextId(requestCommentCounter(request.issueId)), issueId: request.issueId, body: input.body, public: input.public, authorId: authorId(caller), createdAt: now };
  // The email channel is made idempotent by its mail log; the API by the comment's content, for a few minutes.
  const fingerprint = options.extraItems ? undefined : callFingerprint(caller, 'comment', request.issueId, input.body, input.public);
  const items: TransactItem[] = fingerprint ? [claimOnceItem(fingerprint, { issueId: request.issueId, commentId: comment.id }, Date.parse(now) + RETRY_WINDOW_MS, Date.parse(now))] : [];
  items.push(putCommentItem(comment));
  // A customer's reply hands the request back to support (a status change, with its history entry);
  // any other comment marks activity, which lists order by.
  items.push(...(handBack ? changeStatusItems(request, 'Waiting for support', now) : [touchRequestItem(request, now)]));
  try {
    await transactWrite(
      [...items, ...(options.extraItems?.(comment) ?? [])],
      { onceClaim: () => new SameCallAgain(), ...options.extraRefusals },
      requestChanged,
    );
  } catch (error) {
    // A retried call whose first answer was lost: that comment, and its notifications again (the first call may have
    // died before they went out; mail is at least once).
    if (!(error instanceof SameCallAgain) || !fingerprint) throw error;
    const earlier = await getCreatedOnce(fingerprint);
    const existing = earlier?.commentId ? await getComment(request.issueId, earlier.commentId) : undefined;
    if (!existing) throw new Conflict('The same comment is being added; try again');
    comment = existing;
  }
  if (input.public && viewer !== 'customer') await notify(request, authorId(caller), 'The help desk replied to your request:', input.body);
  return comment;
};

// ---- Participants -------------------------------------------------------------------------------
/**
 * Whoever may see the request may change its participants (JSM); a new participant must be someone who may use the
 * desk (`requireParticipants`).
 */
export const changeParticipants = async (caller: Caller, ref: string, accountIds: string[], change: 'add' | 'remove') => {
  const { request } = await requestFor(caller, ref);
  const ids = [...new Set(accountIds)];
  const items: TransactItem[] =
    change === 'add'
      ? (await requireParticipants(request.serviceDeskId, ids.filter((id) => id !== request.reporterId))).map((a) => putParticipantItem(request, a.accountId))
      : ids.map((id) => deleteParticipantItem(request.issueId, id));
  if (items.length > 0) {
    items.push(...auditItems(caller, `request.participants.${change === 'add' ? 'added' : 'removed'}`, [{ type: 'servicedesk', id: request.serviceDeskId }], { after: { issueKey: request.issueKey, accountIds: ids } }));
    await transactWrite(items); // participants are written unconditionally: adding or removing twice is harmless
  }
  return getAccounts(await participantsOf(request.issueId));
};

// ---- Transitions --------------------------------------------------------------------------------
interface Transition {
  id: string;
  name: string;
  from: RequestStatus[];
  to: RequestStatus;
  who: Viewer[];
}

const STAFF: Viewer[] = ['agent', 'admin'];
export const TRANSITIONS: Transition[] = [
  { id: '1', name: 'Respond to customer', from: ['Waiting for support'], to: 'Waiting for customer', who: STAFF },
  { id: '2', name: 'Respond to support', from: ['Waiting for customer'], to: 'Waiting for support', who: ['customer', ...STAFF] },
  { id: '3', name: 'Resolve this issue', from: ['Waiting for support', 'Waiting for customer'], to: 'Resolved', who: ['customer', ...STAFF] },
  { id: '4', name: 'Close', from: ['Resolved'], to: 'Closed', who: STAFF },
  { id: '5', name: 'Reopen', from: ['Resolved'], to: 'Waiting for support', who: ['customer', ...STAFF] },
];

export const availableTransitions = async (caller: Caller, ref: string): Promise<Transition[]> => {
  const { request, viewer } = await requestFor(caller, ref);
  return TRANSITIONS.filter((t) => t.from.includes(request.status) && t.who.includes(viewer));
};

/**
 * The status change, its comment and the audit event in one transaction, then the mails. A call retried after its
 * answer was lost finds the transition no longer available; when the request is exactly as that call left it (same
 * version, by the record the call wrote), the retry answers as the call did and sends its mails again.
 */
export const performTransition = async (caller: Caller, ref: string, transitionId: string, comment?: string): Promise<void> => {
  const { request, viewer } = await requestFor(caller, ref);
  const transition = TRANSITIONS.find((t) => t.id === transitionId && t.who.includes(viewer));
  const fingerprint = callFingerprint(caller, 'transition', request.issueId, transitionId, comment ?? null);
  // Unknown, not available now, or not the caller's to perform: one answer, so it tells nothing about the workflow.
  if (!transition || !transition.from.includes(request.status)) {
    const earlier = transition ? await getCreatedOnce(fingerprint) : undefined;
    if (!transition || earlier?.version !== request.version) throw new BadRequest('This transition is not available for the request now', 'sd.request.error.transition');
    return notifyTransition(caller, viewer, request, (earlier.from ?? request.status) as RequestStatus, transition.to, comment);
  }
  const now = new Date().toISOString();
  const version = request.version + 1;
  const items = [
    ...changeStatusItems(request, transition.to, now),
    recordOnceItem(fingerprint, { issueId: request.issueId, version, from: request.status }, Date.parse(now) + RETRY_WINDOW_MS),
    ...auditItems(caller, 'request.transitioned', [{ type: 'servicedesk', id: request.serviceDeskId }], { before: { status: request.status }, after: { issueKey: request.issueKey, status: transition.to } }),
  ];
  if (comment) {
    items.push(putCommentItem({ id: await nextId(requestCommentCounter(request.issueId)), issueId: request.issueId, body: comment, public: true, authorId: authorId(caller), createdAt: now }));
  }
  await transactWrite(items, { request: requestChanged });
  await notifyTransition(caller, viewer, request, request.status, transition.to, comment);
};

const notifyTransition = async (caller: Caller, viewer: Viewer, request: RequestRecord, from: RequestStatus, to: RequestStatus, comment?: string) => {
  if (comment && viewer !== 'customer') await notify(request, authorId(caller), 'The help desk replied to your request:', comment, to);
  await notify(request, authorId(caller), `The status of your request changed from "${STATUS_IN_CUSTOMER_WORDS[from]}" to "${STATUS_IN_CUSTOMER_WORDS[to]}".`, undefined, to);
};
