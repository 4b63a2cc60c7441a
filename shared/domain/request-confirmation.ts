/**
 * The confirmation a new request's reporter gets by mail (JSM's "Request created" customer notification) when the
 * request is raised in the portal or through the API. The email channel acknowledges its own requests through its
 * mail log, where a failure is retried (inbound-mail.ts). Here a failure is logged and not retried: the request
 * stands, and the portal confirmed it on screen.
 * Threading is by our own ids (the request's thread root in In-Reply-To, its key in the subject): nothing is stored,
 * so raising a request costs no extra round trip to the table.
 */
import { logger } from '#logger';
import { requestMessageId, requestThreadRoot, sendMail } from '#mail/ses';
import { requestReceivedMail } from '#mail/templates';
import type { AccountRecord } from '#store/entities/account';
import type { RequestRecord } from '#store/entities/request';
import { requestLink } from './portal-links';

/** Only an active account with an address is mailed, as for every notification of a request. */
export const confirmNewRequest = async (request: RequestRecord, reporter: AccountRecord): Promise<void> => {
  if (!reporter.email || reporter.status !== 'active') return;
  try {
    await sendMail({
      to: reporter.email,
      ...requestReceivedMail({ issueKey: request.issueKey, summary: request.summary, link: requestLink(request.issueKey) }),
      messageId: requestMessageId(request.issueId),
      inReplyTo: requestThreadRoot(request.issueId),
    });
  } catch (error) {
    logger.error('request confirmation not sent', { issueKey: request.issueKey, error: error as Error });
  }
};
