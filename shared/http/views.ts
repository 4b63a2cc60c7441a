/** How domain records are shown over HTTP: the JSM User object and our own profile and audit shapes. */
import type { AuditEvent } from '#store/audit';
import type { AccountRecord } from '#store/keys';
import { jsmDate } from './dates';

const profileUrl = (baseUrl: string, accountId: string) => `${baseUrl}/rest/admin/1/customer/${encodeURIComponent(accountId)}`;

/** JSM's User: accountId, emailAddress, displayName, active, timeZone, _links. */
export const userView = (account: AccountRecord, baseUrl: string) => ({
  accountId: account.accountId,
  emailAddress: account.email,
  displayName: account.displayName,
  active: account.status === 'active' || account.status === 'invited',
  timeZone: account.timeZone,
  _links: { jiraRest: profileUrl(baseUrl, account.accountId), avatarUrls: {}, self: profileUrl(baseUrl, account.accountId) },
});

/** The directory's view: the User fields plus what the directory manages. */
export const directoryEntryView = (account: AccountRecord, baseUrl: string) => ({
  ...userView(account, baseUrl),
  status: account.status,
  accountType: account.accountType,
  ...(account.staffRole ? { staffRole: account.staffRole } : {}),
  created: jsmDate(account.createdAt),
  updated: jsmDate(account.updatedAt),
  version: account.version,
});

export const auditView = (event: AuditEvent) => ({
  id: event.eventId,
  action: event.action,
  created: jsmDate(event.at),
  actor: { accountId: event.actorId },
  subjects: event.subjects,
  before: event.before ?? null,
  after: event.after ?? null,
});
