/**
 * The confirmation a new request's reporter gets by mail (JSM's "Request created" customer notification) when the
 * request is raised in the portal or through the API, or accepted from the mail log after review, on a desk that
 * acknowledges requests. The email channel acknowledges its own new requests through its mail log, where a failure
 * is retried (inbound-mail.ts).
 * Here the mail is sent at most once: after the request is stored, and not again when a retried call finds the
 * request its first attempt made (that attempt most likely sent it). A failure to send, or a crash before the send,
 * loses it; the failure is logged, the request stands, and the portal confirmed it on screen.
 * Threading is by our own ids (the request's thread root in In-Reply-To, its key in the subject): nothing is stored,
 * so raising a request costs no extra round trip to the table.
 */
import { logger } from '#logger';
import { requestMessageId, requestThreadRoot, sendMail } from '#mail/ses';
import { requestReceivedMail } from '#mail/templates';
import type { AccountRecord } from '#store/entities/account';
import type { DeskRecord } from '#store/entities/desk';
import type { RequestRecord } from '#store/entities/request';
import { requestLink } from './portal-links';

/** Accounts that can read mail at their address: active ones, and invited ones (the email channel answers them too). */
const MAILED: ReadonlySet<AccountRecord['status']> = new Set(['active', 'invited']);

export const confirmNewRequest = async (request: RequestRecord, reporter: AccountRecord, desk: DeskRecord): Promise<void> => {
  if (desk.acknowledgeRequests === false || !reporter.email || !MAILED.has(reporter.status)) return;
  try {
    await sendMail({
      to: reporter.email,
      ...requestReceivedMail({ issueKey: request.issueKey, summary: request.summary, link: requestLink(request.issueKey) }),
      messageId: requestMessageId(request.issueId),
      inReplyTo: requestThreadRoot(request.issueId),
    });
  } catch (error) {
    // SES's message may name the address: only its code is logged.
    logger.error('request confirmation not sent', { issueKey: request.issueKey, code: (error as Error).name });
  }
};
