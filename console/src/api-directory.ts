/** The site-wide directory (admins), invitations and the audit trail, through the admin API. */
import { ADMIN, JSM, call, query, ref } from './api';
import type { AccountStatus, AccountType, AuditEvent, CustomerProfile, DirectoryEntry, Invitation, InvitationStatus, InviteResult, Page } from './api-shapes';

export interface DirectoryFilter {
  query?: string;
  status?: AccountStatus | '';
  accountType?: AccountType | '';
  start?: number;
}
export const searchDirectory = ({ query: q, status, accountType, start = 0 }: DirectoryFilter) =>
  call<Page<DirectoryEntry>>('GET', `${ADMIN}/customer${query({ query: q, status, accountType, start, limit: 25 })}`);
export const getCustomer = (accountId: string) => call<CustomerProfile>('GET', `${ADMIN}/customer/${ref(accountId)}`);
export const changeEmail = (accountId: string, email: string) => call<DirectoryEntry>('PATCH', `${ADMIN}/customer/${ref(accountId)}`, { email });
export const revokeAccess = (accountId: string) => call<void>('PUT', `${JSM}/customer/user/${ref(accountId)}/revoke-portal-only-access`);
export const restoreAccess = (accountId: string) => call<void>('PUT', `${ADMIN}/customer/${ref(accountId)}/restore`);
export const anonymize = (accountId: string) => call<void>('DELETE', `${ADMIN}/customer/${ref(accountId)}`);

export type AuditSubject = { accountId: string } | { organizationId: string } | { serviceDeskId: string };
export const auditTrail = (subject: AuditSubject, start = 0) => call<Page<AuditEvent>>('GET', `${ADMIN}/audit${query({ ...subject, start, limit: 25 })}`);

export interface InvitationFilter {
  status?: InvitationStatus;
  serviceDeskId?: string;
  accountId?: string;
  start?: number;
}
export const listInvitations = ({ status, serviceDeskId, accountId, start = 0 }: InvitationFilter) =>
  call<Page<Invitation>>('GET', `${ADMIN}/invitation${query({ status, serviceDeskId, accountId, start, limit: 25 })}`);
export const invite = (emails: string[], serviceDeskId?: string) =>
  call<{ results: InviteResult[] }>('POST', `${ADMIN}/invitation`, { emails, ...(serviceDeskId ? { serviceDeskId } : {}) });
export const resendInvitation = (id: string) => call<unknown>('POST', `${ADMIN}/invitation/${ref(id)}/resend`);
export const revokeInvitation = (id: string) => call<void>('DELETE', `${ADMIN}/invitation/${ref(id)}`);
