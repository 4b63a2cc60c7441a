/** The inbound mail log (admins): entries by outcome, one message opened with its headers and text, and accepting a refused one. */
import { ADMIN, call, query, ref } from './api';
import type { CustomerRequest, MailEntry, MailMessage, Page } from './api-shapes';

export type MailOutcome = NonNullable<MailEntry['outcome']>;
export const mailLog = (outcome: MailOutcome | undefined, start = 0) => call<Page<MailEntry>>('GET', `${ADMIN}/mail${query({ outcome, start, limit: 25 })}`);
export const getMail = (id: string) => call<MailMessage>('GET', `${ADMIN}/mail/${ref(id)}`);
/** Turns a refused (or ignored) message into a request on the desk it was sent to; the new request. */
export const acceptMail = (id: string) => call<CustomerRequest>('POST', `${ADMIN}/mail/${ref(id)}/accept`);
