/**
 * The email channel (DESIGN.md section 5): an inbound message becomes a request on the desk its address belongs to
 * (`<projectkey>@MAIL_DOMAIN`), or a comment when it answers a request, or is refused or ignored. Idempotent by SES
 * message id: the mail-log item is claimed first, and the request or comment is written in the same transaction
 * that finishes the log item, so a second delivery (or a retry after a crash) does nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { HttpError } from '#errors';
import { logger } from '#http/logger';
import { headerBlock, parseMessage, type InboundMessage } from '#mail/inbound';
import { mailDomain, sendMail } from '#mail/ses';
import { requestReceivedMail } from '#mail/templates';
import { getDesk, getDeskIdByKey } from '#store/desks';
import type { DeskRecord, MailLogRecord, RequestRecord } from '#store/keys';
import { claimMailLogItem, finishMailLogItem, getMailLog, markAcknowledged } from '#store/mail-log';
import { getIssueIdByKey, getRequest } from '#store/requests';
import { transactWrite } from '#store/transact';
import { LIMITS } from '#routes/schemas';
import { mayUseDesk } from './access';
import { filterRefusal, sizeRefusal, verdictRefusal, type Refusal, type Verdicts } from './inbound-filters';
import { accountByEmail, accountForSender, callerFor, cut, defaultRequestTypeId } from './mail-senders';
import { requestLink } from './portal-links';
import { addComment, threadRoot } from './request-conversation';
import { createRequest, viewerOf } from './requests';
import type { Caller } from './types';

export interface InboundMail {
  sesMessageId: string;
  raw: Buffer;
  /** The addresses of ours SES accepted the message for. */
  recipients: string[];
  verdicts: Verdicts;
  /** The size SES reports; defaults to the raw message's length. */
  size?: number | undefined;
}

export interface InboundResult {
  entry: MailLogRecord;
  /** The message had been processed before: nothing was done this time. */
  duplicate: boolean;
}

const INBOUND: Caller = { kind: 'system', name: 'inbound-mail' };
const SUMMARY_LENGTH = 255;

/** Another delivery of the same message finished it first. */
class AlreadyProcessed extends Error {}

/** The desk whose address received the message: `<projectkey lowercased>@MAIL_DOMAIN`. */
const deskOfRecipients = async (recipients: string[]): Promise<DeskRecord | undefined> => {
  for (const address of recipients) {
    const [local = '', domain = ''] = address.toLowerCase().split('@');
    if (domain !== mailDomain().toLowerCase() || !/^[a-z][a-z0-9]{1,9}$/.test(local)) continue;
    const deskId = await getDeskIdByKey(local.toUpperCase());
    const desk = deskId ? await getDesk(deskId) : undefined;
    if (desk) return desk;
  }
  return undefined;
};

const THREAD_REFERENCE = /<request-(\d+)(?:-[^@>\s]*)?@([^>\s]+)>/gi;
const ISSUE_KEY = /\b([A-Za-z][A-Za-z0-9]{1,9}-\d{1,9})\b/g;

/** The request this message answers: a key of the desk in the subject, or a reference to one of our messages. */
const answeredRequest = async (m: InboundMessage, desk: DeskRecord | undefined): Promise<RequestRecord | undefined> => {
  for (const [, key = ''] of m.subject.matchAll(ISSUE_KEY)) {
    const issueKey = key.toUpperCase();
    if (desk && !issueKey.startsWith(`${desk.projectKey}-`)) continue;
    const issueId = await getIssueIdByKey(issueKey);
    const request = issueId ? await getRequest(issueId) : undefined;
    if (request) return request;
  }
  const references = [m.inReplyTo ?? '', ...m.references].join(' ');
  for (const [, issueId = '', domain = ''] of references.matchAll(THREAD_REFERENCE)) {
    if (domain.toLowerCase() !== mailDomain().toLowerCase()) continue;
    const request = await getRequest(issueId);
    if (request && (!desk || request.serviceDeskId === desk.id)) return request;
  }
  return undefined;
};

type Decision =
  | (Refusal & { kind: 'refuse'; deskId?: string | undefined })
  | { kind: 'comment'; caller: Caller; request: RequestRecord }
  | { kind: 'create'; caller: Caller; desk: DeskRecord };

const refuse = (reason: string, deskId?: string): Decision => ({ kind: 'refuse', outcome: 'rejected', reason, deskId });

/** DESIGN.md section 5, in order: size, verdicts, filters, sender, access, then a reply or a new request. */
const decide = async (m: InboundMail, message: InboundMessage, size: number): Promise<Decision> => {
  const early = sizeRefusal(size) ?? verdictRefusal(m.verdicts) ?? filterRefusal(message);
  if (early) return { kind: 'refuse', ...early };

  const addressed = await deskOfRecipients(m.recipients.length > 0 ? m.recipients : message.to);
  const request = await answeredRequest(message, addressed);
  const desk = addressed ?? (request ? await getDesk(request.serviceDeskId) : undefined);
  if (!desk) return refuse('no service desk has this address');

  let account = await accountByEmail(message.from);
  if (!account) {
    if (desk.access !== 'open') return refuse(`unknown sender ${message.from}; ${desk.projectKey} is restricted`, desk.id);
    account = await accountForSender(INBOUND, message.from, message.fromName);
  }
  if (account.status !== 'active' && account.status !== 'invited') return refuse(`sender account is ${account.status}`, desk.id);
  if (!account.staffRole && !(await mayUseDesk(account, desk.id))) return refuse(`sender may not use ${desk.projectKey}`, desk.id);

  const caller = callerFor(account);
  if (!request) return { kind: 'create', caller, desk };
  try {
    await viewerOf(caller, request);
  } catch {
    return refuse(`sender may not see ${request.issueKey}`, desk.id);
  }
  return { kind: 'comment', caller, request };
};

/**
 * The acknowledgement a new request by email owes its sender, then the mark that it went out. A failure is thrown:
 * SES invokes the function again, the message is then a duplicate, and only the acknowledgement is sent (at least
 * once; twice if the invocation died between the send and the mark).
 */
const acknowledge = async (entry: MailLogRecord, inReplyTo: string | undefined, created?: RequestRecord): Promise<void> => {
  const request = created ?? (entry.issueId ? await getRequest(entry.issueId) : undefined);
  if (!request) return;
  await sendMail({
    to: entry.from,
    ...requestReceivedMail({ issueKey: request.issueKey, summary: request.summary, link: requestLink(request.issueKey) }),
    messageId: `<request-${request.issueId}-${randomUUID()}@${mailDomain()}>`,
    inReplyTo: inReplyTo ?? threadRoot(request),
    headers: { 'Auto-Submitted': 'auto-replied' },
  });
  await markAcknowledged(entry.id);
};

const finish = async (entry: MailLogRecord, decision: Decision, message: InboundMessage): Promise<MailLogRecord> => {
  const done = (fields: Partial<MailLogRecord>): MailLogRecord => ({ ...entry, ...fields, status: 'done', updatedAt: new Date().toISOString() });
  const onExtraRefused = () => new AlreadyProcessed();
  if (decision.kind === 'refuse') {
    const finished = done({ outcome: decision.outcome, reason: decision.reason, ...(decision.deskId ? { serviceDeskId: decision.deskId } : {}) });
    await transactWrite([finishMailLogItem(finished, 'processing')], onExtraRefused);
    return finished;
  }
  if (decision.kind === 'comment') {
    const { request } = decision;
    let finished: MailLogRecord | undefined;
    await addComment(decision.caller, request.issueId, { body: cut(message.text, LIMITS.textLength) || '(empty message)', public: true }, {
      extraItems: (comment) => {
        finished = done({ outcome: 'commented', reason: `reply to ${request.issueKey}`, serviceDeskId: request.serviceDeskId, issueId: request.issueId, issueKey: request.issueKey, commentId: comment.id });
        return [finishMailLogItem(finished, 'processing')];
      },
      onExtraRefused,
    });
    return finished!;
  }
  const requestTypeId = await defaultRequestTypeId(decision.desk.id);
  if (!requestTypeId) return finish(entry, refuse(`${decision.desk.projectKey} has no request type`, decision.desk.id), message);
  let finished: MailLogRecord | undefined;
  const request = await createRequest(
    decision.caller,
    {
      serviceDeskId: decision.desk.id,
      requestTypeId,
      summary: cut(message.subject, SUMMARY_LENGTH) || '(no subject)',
      description: cut(message.text, LIMITS.textLength),
    },
    'email',
    {
      extraItems: (created) => {
        finished = done({ outcome: 'accepted', reason: 'new request', serviceDeskId: created.serviceDeskId, issueId: created.issueId, issueKey: created.issueKey, acknowledgement: 'due' });
        return [finishMailLogItem(finished, 'processing')];
      },
      onExtraRefused,
    },
  );
  await acknowledge(finished!, message.messageId, request);
  return { ...finished!, acknowledgement: 'sent' };
};

export const processInboundMail = async (mail: InboundMail): Promise<InboundResult> => {
  const size = mail.size ?? mail.raw.length;
  // An oversized message is logged from its headers only.
  const oversized = sizeRefusal(size) !== undefined;
  const message = await parseMessage(oversized ? headerBlock(mail.raw) : mail.raw, size);
  const now = new Date().toISOString();
  const claim: MailLogRecord = {
    id: mail.sesMessageId,
    receivedAt: now,
    status: 'processing',
    from: message.from,
    fromName: message.fromName,
    to: message.to,
    recipients: mail.recipients.map((r) => r.toLowerCase()),
    subject: cut(message.subject, 1000),
    text: oversized ? '' : cut(message.text, LIMITS.textLength),
    size,
    updatedAt: now,
  };
  let entry = claim;
  try {
    await transactWrite([claimMailLogItem(claim)], () => new AlreadyProcessed());
  } catch (error) {
    if (!(error instanceof AlreadyProcessed)) throw error;
    const seen = await getMailLog(mail.sesMessageId);
    if (!seen || seen.status === 'done') {
      // An earlier attempt made the request and stopped before its acknowledgement went out: send it now.
      if (seen?.acknowledgement === 'due') await acknowledge(seen, message.messageId);
      return { entry: seen ?? claim, duplicate: true };
    }
    // An earlier attempt stopped half-way (nothing it wrote after the claim is visible): carry on from the claim.
    entry = seen;
  }

  try {
    const decision = await decide(mail, message, size);
    let finished: MailLogRecord;
    try {
      finished = await finish(entry, decision, message);
    } catch (error) {
      // The domain refused what the checks let through (a staff sender who is no agent of the desk, say).
      if (!(error instanceof HttpError) || error.statusCode >= 500) throw error;
      finished = await finish(entry, refuse(error.message), message);
    }
    logger.info('inbound mail', { sesMessageId: mail.sesMessageId, outcome: finished.outcome, reason: finished.reason, issueKey: finished.issueKey });
    return { entry: finished, duplicate: false };
  } catch (error) {
    if (!(error instanceof AlreadyProcessed)) throw error;
    return { entry: (await getMailLog(mail.sesMessageId)) ?? entry, duplicate: true };
  }
};
