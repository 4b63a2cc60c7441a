/** Lambda "mail": the inbound mail log, one message of it (headers and text), and accepting a refused or ignored message after review (admins). */
import { acceptMail, getMail, listMail } from '#domain/mail-log';
import { accountById } from '#domain/people';
import { httpFunction } from '#http/handler';
import { mailRoutes } from '#routes/mail';
import { jsmDate } from '#http/dates';
import { pageOf } from '#http/page';
import { requestView } from '#http/views';
import type { MailLogRecord } from '#store/entities/mail-log';

const mailView = (m: MailLogRecord) => ({
  id: m.id,
  received: jsmDate(m.receivedAt),
  from: m.from,
  to: m.to,
  recipients: m.recipients,
  subject: m.subject,
  size: m.size,
  outcome: m.outcome,
  reason: m.reason,
  ...(m.serviceDeskId ? { serviceDeskId: m.serviceDeskId } : {}),
  ...(m.issueKey ? { issueKey: m.issueKey } : {}),
});

export const handler = httpFunction(mailRoutes, {
  listMail: async (input) => pageOf(input, await listMail(input.query, input.query.outcome), mailView),
  getMail: async ({ params }) => {
    const entry = await getMail(params.id);
    return { ...mailView(entry), fromName: entry.fromName, text: entry.text, headers: entry.headers ?? [] };
  },
  acceptMail: async ({ params, caller, baseUrl }) => {
    const { request } = await acceptMail(caller, params.id);
    return requestView(request, await accountById(request.reporterId, caller), baseUrl);
  },
});
