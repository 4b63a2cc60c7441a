/**
 * The email channel (DESIGN.md section 5, docs/email-rules.md): an inbound message becomes a request on each desk it
 * is addressed to (`<projectkey>[+tag]@MAIL_DOMAIN`), or a comment when it answers a request, or is refused or
 * ignored. Idempotent by SES message id and desk: each outcome's mail-log item is claimed first, and the request or
 * comment is written in the same transaction that finishes it, so a second delivery (or a retry after a crash) does
 * nothing twice.
 */
import { HttpError, StillContended } from '#errors';
import { logger } from '#logger';
import { headerBlock, parseMessage, type InboundMessage } from '#mail/inbound';
import { stripQuotedHistory } from '#mail/quoted-history';
import { getRawMessage } from '#mail/raw-store';
import { requestMessageId, requestThreadRoot } from '#mail/ses';
import { requestReceivedMail } from '#mail/templates';
import { getDesk } from '#store/desks';
import type { DeskRecord } from '#store/entities/desk';
import type { MailLogRecord } from '#store/entities/mail-log';
import type { RequestRecord } from '#store/entities/request';
import { claimMailLogItem, finishMailLogItem, getMailLog, markAcknowledged } from '#store/mail-log';
import { threadMessageItems } from '#store/mail-threads';
import { getRequest } from '#store/requests';
import { transactWrite } from '#store/transact';
import { LIMITS } from '#model/limits';
import { mayUseDesk } from './access';
import { addressedDesks, firstOwnAddress } from './mail-addresses';
import { ccParticipants } from './inbound-participants';
import { filterRefusal, sizeRefusal, verdictRefusal, type Envelope, type Refusal, type Verdicts } from './inbound-filters';
import { accountByEmail, accountForSender, callerFor, cut, defaultRequestTypeId, keptHeaders, resolveSender, type ResolvedSender } from './mail-senders';
import { answeredRequest, sendThreadMail } from './mail-threads';
import { requestLink } from './portal-links';
import { addComment } from './request-conversation';
import { createRequest, viewerOf } from './requests';
import { mailAttachmentItems, storeMailFiles } from './mail-attachments';
import { getAttachmentTally } from '#store/attachments';
import type { Caller } from '#model/caller';

export interface InboundMail {
  sesMessageId: string;
  raw: Buffer;
  /** The addresses of ours SES accepted the message for. */
  recipients: string[];
  verdicts: Verdicts;
  /** SES's `mail.source`, the envelope sender ('' for `MAIL FROM:<>`); undefined when not known. */
  source?: string | undefined;
  /** The size SES reports; defaults to the raw message's length. */
  size?: number | undefined;
}

export interface InboundResult {
  entry: MailLogRecord;
  /** The message had been processed before: nothing was done this time. */
  duplicate: boolean;
  /** One result per further desk the message was addressed to (a request on each). */
  more: Array<{ entry: MailLogRecord; duplicate: boolean }>;
}

const INBOUND: Caller = { kind: 'system', name: 'inbound-mail' };
const SUMMARY_LENGTH = 255;
/** Another delivery of the same message finished it first. */
class AlreadyProcessed extends Error {}

type Decision =
  | (Refusal & { kind: 'refuse'; deskId?: string | undefined })
  | { kind: 'comment'; caller: Caller; request: RequestRecord }
  | { kind: 'create'; caller: Caller; desk: DeskRecord; followUpOf?: RequestRecord };

const refuse = (reason: string, deskId?: string): Decision => ({ kind: 'refuse', outcome: 'rejected', reason, deskId });

/** What one target of the message (a desk, or the request it answers) comes to. */
interface Target {
  logId: string;
  desk?: DeskRecord | undefined;
  request?: RequestRecord | undefined;
}

/** docs/email-rules.md, in order: the sender's account, access, then a reply or a new request. */
const decide = async (target: Target, sender: ResolvedSender): Promise<Decision> => {
  const { desk, request } = target;
  if (!desk) return refuse('no service desk has this address');
  let account = await accountByEmail(sender.email);
  if (!account) {
    if (desk.access !== 'open') return refuse(`unknown sender ${sender.email}; ${desk.projectKey} is restricted`, desk.id);
    account = await accountForSender(INBOUND, sender.email, sender.name);
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
  // A customer's reply to a closed request raises a follow-up of it (the portal offers the same).
  if (request.status === 'Closed' && !account.staffRole) return { kind: 'create', caller, desk, followUpOf: request };
  return { kind: 'comment', caller, request };
};

/**
 * The acknowledgement a new request by email owes its sender, then the mark that it went out. A failure is thrown:
 * SES invokes the function again, the message is then a duplicate, and only the acknowledgement is sent (at least
 * once; twice if the invocation died between the send and the mark).
 */
const acknowledge = async (entry: MailLogRecord, inReplyTo: string | undefined, created?: RequestRecord): Promise<'sent' | 'refused' | undefined> => {
  const request = created ?? (entry.issueId ? await getRequest(entry.issueId) : undefined);
  if (!request) return undefined;
  try {
    await sendThreadMail(request, {
      to: entry.from,
      ...requestReceivedMail({ issueKey: request.issueKey, summary: request.summary, link: requestLink(request.issueKey) }),
      messageId: requestMessageId(request.issueId),
      inReplyTo: inReplyTo ?? requestThreadRoot(request.issueId),
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
  } catch (error) {
    // SES refuses some addresses for good (suppressed, or unverified in the sandbox): retrying would never send it.
    if ((error as Error).name !== 'MessageRejected') throw error;
    logger.warn('acknowledgement refused by SES', { issueKey: request.issueKey, error: error as Error });
    await markAcknowledged(entry.id, 'refused');
    return 'refused';
  }
  await markAcknowledged(entry.id);
  return 'sent';
};

/** What the log says of the message's files: how many were kept, and how many the request had no room for. */
const filesNote = (kept: number, left: number) => `${kept > 0 ? `; ${kept} attachment(s)` : ''}${left > 0 ? `; ${left} attachment(s) not kept (the request's limits)` : ''}`;

const finish = async (entry: MailLogRecord, decision: Decision, message: InboundMessage, sender: ResolvedSender, raw: Buffer): Promise<MailLogRecord> => {
  const done = (fields: Partial<MailLogRecord>): MailLogRecord => ({ ...entry, ...fields, status: 'done', updatedAt: new Date().toISOString() });
  const alreadyProcessed = () => new AlreadyProcessed();
  // Another delivery finished the message; or (a reply) the request's files moved meanwhile (an attach through the
  // API): the message is not refused for that, its delivery is retried (503, from the claim it holds).
  const extraRefusals = { mailLog: alreadyProcessed, attachmentTally: () => new StillContended() };
  if (decision.kind === 'refuse') {
    const finished = done({ outcome: decision.outcome, reason: decision.reason, ...(decision.deskId ? { serviceDeskId: decision.deskId } : {}) });
    await transactWrite([finishMailLogItem(finished, 'processing')], { mailLog: alreadyProcessed });
    return finished;
  }
  if (decision.kind === 'comment') {
    const { request } = decision;
    let finished: MailLogRecord | undefined;
    const body = cut(stripQuotedHistory(message.text), LIMITS.textLength) || '(empty message)';
    const tally = await getAttachmentTally(request.issueId);
    const files = await storeMailFiles(entry.id, raw, tally);
    await addComment(decision.caller, request.issueId, { body, public: true }, {
      extraItems: (comment) => {
        finished = done({
          outcome: 'commented', reason: `reply to ${request.issueKey}${filesNote(files.stored.length, files.left)}`, serviceDeskId: request.serviceDeskId,
          issueId: request.issueId, issueKey: request.issueKey, commentId: comment.id,
        });
        return [
          finishMailLogItem(finished, 'processing'),
          ...threadMessageItems(message.messageId, request.issueId),
          ...mailAttachmentItems(tally, files.stored, { authorId: comment.authorId, createdAt: comment.createdAt, commentId: comment.id }),
        ];
      },
      extraRefusals,
    });
    return finished!;
  }
  const { desk } = decision;
  const requestTypeId = await defaultRequestTypeId(desk.id);
  if (!requestTypeId) return finish(entry, refuse(`${desk.projectKey} has no request type`, desk.id), message, sender, raw);
  const participants = await ccParticipants(message, desk, decision.caller);
  // A new request has no attachments yet: its files are numbered from 1.
  const files = await storeMailFiles(entry.id, raw, { issueId: '', count: 0, bytes: 0 });
  let finished: MailLogRecord | undefined;
  const request = await createRequest(
    decision.caller,
    { serviceDeskId: desk.id, requestTypeId, summary: cut(message.subject, SUMMARY_LENGTH) || '(no subject)', description: cut(message.text, LIMITS.textLength) },
    'email',
    {
      ...(decision.followUpOf ? { followUpOf: decision.followUpOf } : {}),
      extraItems: (created) => {
        const note = `${participants.length > 0 ? `; ${participants.length} participant(s) from Cc` : ''}${filesNote(files.stored.length, files.left)}`;
        const what = decision.followUpOf ? `follow-up of ${decision.followUpOf.issueKey} (closed)` : 'new request';
        finished = done({ outcome: 'accepted', reason: `${what}${note}`, serviceDeskId: created.serviceDeskId, issueId: created.issueId, issueKey: created.issueKey, ...(desk.acknowledgeRequests !== false ? { acknowledgement: 'due' as const } : {}) });
        return [
          finishMailLogItem(finished, 'processing'),
          ...threadMessageItems(message.messageId, created.issueId),
          ...participants.map((p) => p(created)),
          ...mailAttachmentItems({ issueId: created.issueId, count: 0, bytes: 0 }, files.stored, { authorId: created.reporterId, createdAt: created.createdAt }),
        ];
      },
      extraRefusals,
    },
  );
  const acknowledgement = finished!.acknowledgement === 'due' ? await acknowledge(finished!, message.messageId, request) : undefined;
  return { ...finished!, ...(acknowledgement ? { acknowledgement } : {}) };
};

/** One mail-log entry's worth: claimed, decided, finished; a duplicate when another delivery finished it. */
const processTarget = async (target: Target, claim: MailLogRecord, early: Refusal | undefined, message: InboundMessage, sender: ResolvedSender, raw: Buffer) => {
  let entry = claim;
  try {
    await transactWrite([claimMailLogItem(claim)], { mailLog: () => new AlreadyProcessed() });
  } catch (error) {
    if (!(error instanceof AlreadyProcessed)) throw error;
    const seen = await getMailLog(claim.id);
    if (!seen || seen.status === 'done') {
      // An earlier attempt made the request and stopped before its acknowledgement went out: send it now.
      if (seen?.acknowledgement === 'due') await acknowledge(seen, message.messageId);
      return { entry: seen ?? claim, duplicate: true };
    }
    // An earlier attempt stopped half-way (nothing it wrote after the claim is visible): carry on from the claim.
    entry = seen;
  }
  try {
    const decision: Decision = early ? { kind: 'refuse', ...early, deskId: target.desk?.id } : await decide(target, sender);
    let finished: MailLogRecord;
    try {
      finished = await finish(entry, decision, message, sender, raw);
    } catch (error) {
      // The domain refused what the checks let through (a staff sender who is no agent of the desk, say).
      if (!(error instanceof HttpError) || error.statusCode >= 500) throw error;
      finished = await finish(entry, refuse(error.message, target.desk?.id), message, sender, raw);
    }
    logger.info('inbound mail', { logId: claim.id, outcome: finished.outcome, reason: finished.reason, issueKey: finished.issueKey });
    return { entry: finished, duplicate: false };
  } catch (error) {
    if (!(error instanceof AlreadyProcessed)) throw error;
    return { entry: (await getMailLog(claim.id)) ?? entry, duplicate: true };
  }
};

export const processInboundMail = async (mail: InboundMail): Promise<InboundResult> => {
  const size = mail.size ?? mail.raw.length;
  // An oversized message is logged from its headers only.
  const oversized = sizeRefusal(size) !== undefined;
  const message = parseMessage(oversized ? headerBlock(mail.raw) : mail.raw, size);
  const sender = resolveSender(message, mail.source);
  const envelope: Envelope = { sender: sender.email, source: mail.source, ownAddress: await firstOwnAddress([sender.email, ...message.fromMailboxes.map((b) => b.address)]) };
  const early = sizeRefusal(size) ?? verdictRefusal(mail.verdicts) ?? filterRefusal(message, envelope);
  const recipients = mail.recipients.length > 0 ? mail.recipients : [...message.to, ...message.cc].map((b) => b.address);
  const desks = await addressedDesks(recipients);
  // Automatic mail is never threaded; a reply is one comment however many desks it names; new mail is one request per desk.
  const request = early ? undefined : await answeredRequest(message, desks);
  const targets: Target[] = request
    ? [{ logId: mail.sesMessageId, desk: desks.find((d) => d.id === request.serviceDeskId) ?? (await getDesk(request.serviceDeskId)), request }]
    : early || desks.length <= 1
      ? [{ logId: mail.sesMessageId, desk: desks[0] }]
      : desks.map((desk, i) => ({ logId: i === 0 ? mail.sesMessageId : `${mail.sesMessageId}.${desk.id}`, desk }));

  const now = new Date().toISOString();
  const results = [];
  for (const target of targets) {
    const claim: MailLogRecord = {
      id: target.logId,
      receivedAt: now,
      status: 'processing',
      from: sender.email || (message.fromMailboxes[0]?.address ?? '').toLowerCase(),
      fromName: sender.name,
      to: message.to.map((b) => b.address.toLowerCase()),
      recipients: mail.recipients.map((r) => r.toLowerCase()),
      subject: cut(message.subject, 1000),
      // The text as received, quoted history and all: only a comment is cut.
      text: oversized ? '' : cut(message.text, LIMITS.textLength),
      headers: keptHeaders(message.headers),
      size,
      updatedAt: now,
    };
    results.push(await processTarget(target, claim, early, message, sender, mail.raw));
  }
  const [first, ...more] = results;
  return { ...first!, more };
};

/** A message SES's receipt rule stored in S3 (its S3 action) before invoking us: read from there, then processed. */
export const processStoredMail = async (stored: { bucket: string | undefined; key: string }, mail: Omit<InboundMail, 'raw'>): Promise<InboundResult> =>
  processInboundMail({ ...mail, raw: await getRawMessage(stored.bucket, stored.key) });
