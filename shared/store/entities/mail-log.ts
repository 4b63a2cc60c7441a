/**
 * Mail log entry: one inbound message, keyed by SES's message id: claimed (`processing`) before anything else
 * happens, so a second delivery of the same message is recognised; `done` once its outcome is written, in the same
 * transaction as the request or comment it made. It keeps the message's essentials, so an admin can accept a refused
 * one without S3.
 */
import * as z from 'zod/mini';
import { MAIL_OUTCOMES } from '#model/vocabulary';
import { reader, type Keys } from './item';

export const mailLogSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  status: z.enum(['processing', 'done']),
  from: z.string(),
  fromName: z.string(),
  to: z.array(z.string()),
  /** The addresses of ours SES accepted the message for. */
  recipients: z.array(z.string()),
  subject: z.string(),
  /** The body as text, cut to the length a request description may have. */
  text: z.string(),
  /**
   * The message's header fields in order (lower-cased names, first value of each, encoded words decoded), bounded
   * (mail-log.ts `keptHeaders`); absent on entries logged before they were kept.
   */
  headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
  size: z.number(),
  outcome: z.optional(z.enum(MAIL_OUTCOMES)),
  reason: z.optional(z.string()),
  serviceDeskId: z.optional(z.string()),
  issueId: z.optional(z.string()),
  issueKey: z.optional(z.string()),
  commentId: z.optional(z.string()),
  /**
   * A new request by email owes its sender an acknowledgement: `due` in the request's transaction, `sent` after, or
   * `refused` when SES refused it for good (a suppressed or unverified address): retrying could never send it.
   */
  acknowledgement: z.optional(z.enum(['due', 'sent', 'refused'])),
  updatedAt: z.string(),
});
export type MailLogRecord = z.infer<typeof mailLogSchema>;
export const toMailLog = reader(mailLogSchema);

export const mailLogKeys = (sesMessageId: string): Keys => ({ pk: `MAIL#${sesMessageId}`, sk: 'MAIL' });
export const MAIL_LOG_PARTITION = 'MAILLOG';
/** lists: every finished message, newest first (in-flight ones are not listed). */
export const mailLogIndexAttributes = (m: Pick<MailLogRecord, 'receivedAt' | 'id'>) => ({
  listPk: MAIL_LOG_PARTITION,
  listSk: `${m.receivedAt}#${m.id}`,
});
/** The claimed entry is unlisted; the finished one is listed. */
export const mailLogItem = (m: MailLogRecord, listed: boolean) => ({
  ...mailLogKeys(m.id),
  entity: 'mail',
  ...m,
  ...(listed ? mailLogIndexAttributes(m) : {}),
});
