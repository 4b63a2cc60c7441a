/**
 * Mail threads (docs/email-rules.md, "Threading"): which request a message answers, by a request key in its subject
 * or by any message of the request's thread named in its In-Reply-To or References: the customer's own first
 * message, a reply that became a comment, our acknowledgement or a notification, under our Message-ID or under the
 * one SES gave it (`<sesMessageId@<region>.amazonses.com>`).
 */
import { logger } from '#logger';
import type { InboundMessage } from '#mail/inbound';
import { mailDomain, sendMail, type OutgoingMail } from '#mail/ses';
import type { DeskRecord } from '#store/entities/desk';
import type { RequestRecord } from '#store/entities/request';
import { issuesOfMessages, putThreadMessage } from '#store/mail-threads';
import { getRequest } from '#store/requests';
import { issueIdOfRef } from './requests';

/** The newest references are looked at, In-Reply-To first: a long thread's oldest ids add nothing. */
export const MAX_REFERENCES = 20;

const OUR_REFERENCE = /^<request-(\d+)(?:-[^@>\s]*)?@([^>\s]+)>$/i;
const SES_REFERENCE = /^<([^@>\s]+)@(?:[a-z0-9-]+\.)?amazonses\.com>$/i;
const ISSUE_KEY = /\b([A-Za-z][A-Za-z0-9]{1,9}-\d{1,9})\b/g;

/** The message ids of a message's thread headers that may lead to a request, most telling first. */
export const threadReferences = (m: InboundMessage): string[] =>
  [...new Set([m.inReplyTo, ...[...m.references].reverse()].filter((id): id is string => !!id))].slice(0, MAX_REFERENCES);

/** Issue ids the references lead to, in their order: our own ids by their shape, the others through the store. */
const referencedIssues = async (references: string[]): Promise<string[]> => {
  const direct = new Map<string, string>();
  const lookups: string[] = [];
  for (const id of references) {
    const ours = OUR_REFERENCE.exec(id);
    if (ours && ours[2]!.toLowerCase() === mailDomain().toLowerCase()) direct.set(id, ours[1]!);
    else lookups.push(SES_REFERENCE.exec(id)?.[1] ?? id);
  }
  const stored = await issuesOfMessages(lookups);
  return [...new Set([...references.flatMap((id) => (direct.has(id) ? [direct.get(id)!] : [])), ...stored])];
};

/**
 * The request this message answers: a key of an addressed desk in the subject (any desk's when none is addressed),
 * else the first request its thread headers lead to, on an addressed desk when one is.
 */
export const answeredRequest = async (m: InboundMessage, desks: DeskRecord[]): Promise<RequestRecord | undefined> => {
  const onAddressedDesk = (r: RequestRecord) => desks.length === 0 || desks.some((d) => d.id === r.serviceDeskId);
  for (const [, key = ''] of m.subject.matchAll(ISSUE_KEY)) {
    const issueKey = key.toUpperCase();
    if (desks.length > 0 && !desks.some((d) => issueKey.startsWith(`${d.projectKey}-`))) continue;
    const issueId = await issueIdOfRef(issueKey);
    const request = issueId ? await getRequest(issueId) : undefined;
    if (request) return request;
  }
  for (const issueId of await referencedIssues(threadReferences(m))) {
    const request = await getRequest(issueId);
    if (request && onAddressedDesk(request)) return request;
  }
  return undefined;
};

/**
 * Sends a message of a request's thread and remembers the id SES gave it, so a reply that names only that id still
 * finds the request. A failure to remember is logged, not thrown: the message went out, and the key in its subject
 * and our own Message-ID still thread replies.
 */
export const sendThreadMail = async (request: RequestRecord, mail: OutgoingMail): Promise<string> => {
  const sesMessageId = await sendMail(mail);
  try {
    await putThreadMessage(sesMessageId, request.issueId);
  } catch (error) {
    logger.error('thread message id not stored', { issueKey: request.issueKey, error: error as Error });
  }
  return sesMessageId;
};
