/**
 * The mail log for admins: every inbound message with its outcome and reason, newest first; and the review of a
 * refused or ignored message, which turns it into a request after all (an admin's decision). A request made from a
 * rejected message is confirmed to its reporter by mail, as a new request is (request-confirmation.ts); nothing
 * ever answers an ignored one (an automatic reply, a bounce, a list), which would invite a mail loop.
 */
import { BadRequest, Conflict, NotFound } from '#errors';
import { getDesk } from '#store/desks';
import type { MailLogRecord } from '#store/entities/mail-log';
import type { MailOutcome } from '#model/vocabulary';
import type { RequestRecord } from '#store/entities/request';
import { finishMailLogItem, getMailLog, queryMailLog } from '#store/mail-log';
import { LIMITS } from '#model/limits';
import { accountByEmail, accountForSender, cut, defaultRequestTypeId, isUsableAddress } from './mail-senders';
import { confirmNewRequest } from './request-confirmation';
import { createRequest } from './requests';
import { actorId, type Caller } from '#model/caller';
import type { PageRequest } from '#model/page';


export const listMail = (page: PageRequest, outcome?: MailOutcome) => queryMailLog(page, outcome);

const notFound = () => new NotFound('No inbound message with this id', 'sd.mail.error.not.found');

/** One logged message, as admins review it: its outcome, its header fields and its text (no S3 read). */
export const getMail = async (id: string): Promise<MailLogRecord> => {
  const entry = await getMailLog(id);
  if (!entry || entry.status !== 'done') throw notFound();
  return entry;
};

/** Creates the request a refused or ignored message would have made, reporter the sender (a new portal-only account if unknown). */
export const acceptMail = async (caller: Caller, id: string): Promise<{ entry: MailLogRecord; request: RequestRecord }> => {
  const entry = await getMailLog(id);
  if (!entry || entry.status !== 'done') throw notFound();
  if (entry.outcome !== 'rejected' && entry.outcome !== 'ignored') throw new Conflict(`This message was already ${entry.outcome}${entry.issueKey ? ` as ${entry.issueKey}` : ''}`, 'sd.mail.error.not.rejected');
  const desk = entry.serviceDeskId ? await getDesk(entry.serviceDeskId) : undefined;
  if (!desk) throw new BadRequest('The message reached no service desk; nothing to accept it on', 'sd.mail.error.no.desk');
  if (!isUsableAddress(entry.from)) throw new BadRequest('The message has no usable sender address', 'sd.mail.error.no.sender');
  const requestTypeId = await defaultRequestTypeId(desk.id);
  if (!requestTypeId) throw new BadRequest('The service desk has no request type', 'sd.request.error.request.type');
  const reporter = (await accountByEmail(entry.from)) ?? (await accountForSender(caller, entry.from, entry.fromName));
  if (reporter.status === 'anonymized') throw new BadRequest('The sender account is anonymized', 'sd.customer.error.anonymized');

  let accepted: MailLogRecord | undefined;
  const request = await createRequest(
    caller,
    {
      serviceDeskId: desk.id,
      requestTypeId,
      summary: cut(entry.subject, 255) || '(no subject)',
      description: cut(entry.text, LIMITS.textLength),
      raiseOnBehalfOf: reporter.accountId,
    },
    'email',
    {
      accessReviewed: true,
      extraItems: (created) => {
        accepted = {
          ...entry,
          outcome: 'accepted',
          reason: `accepted by ${actorId(caller)} after review (was ${entry.outcome}: ${entry.reason ?? ''})`,
          issueId: created.issueId,
          issueKey: created.issueKey,
          updatedAt: new Date().toISOString(),
        };
        return [finishMailLogItem(accepted, entry.outcome === 'ignored' ? 'ignored' : 'rejected')];
      },
      extraRefusals: { mailLog: () => new Conflict('This message was accepted meanwhile', 'sd.mail.error.not.rejected') },
    },
  );
  if (entry.outcome !== 'ignored') await confirmNewRequest(request, reporter, desk);
  return { entry: accepted!, request };
};
