/** Routes of the "mail" function: the inbound mail log, one message of it, and accepting a refused or ignored message (admins). */
import * as z from 'zod/mini';
import { MAIL_OUTCOMES } from '#model/vocabulary';
import { pagingQuery } from './fields';
import { ADMIN, functionRoutes } from './route';

const mailLogQuery = z.strictObject({ ...pagingQuery, outcome: z.optional(z.enum(MAIL_OUTCOMES)) });
/** SES message ids: letters, digits and dashes. */
const mailPath = z.strictObject({ id: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/, 'Not an inbound message id')) });

export const mailRoutes = functionRoutes('mail', {
  listMail: { method: 'GET', path: `${ADMIN}/mail`, role: 'admin', success: 200, query: mailLogQuery },
  getMail: { method: 'GET', path: `${ADMIN}/mail/{id}`, role: 'admin', success: 200, params: mailPath },
  acceptMail: { method: 'POST', path: `${ADMIN}/mail/{id}/accept`, role: 'admin', success: 201, params: mailPath },
});
