/** How domain records are shown over HTTP: the JSM User object and our own profile and audit shapes. */
import type { AuditEvent } from '#store/entities/audit-event';
import type { EffectiveAccess } from '#domain/access';
import type { Caller } from '#model/caller';
import type { AccountRecord } from '#store/entities/account';
import type { CommentRecord } from '#store/entities/comment';
import type { DeskRecord } from '#store/entities/desk';
import type { InvitationRecord } from '#store/entities/invitation';
import type { OrganizationRecord } from '#store/entities/organization';
import type { RequestRecord } from '#store/entities/request';
import type { AccountSnapshot } from '#store/entities/membership';
import { jsmDate } from './dates';

const profileUrl = (baseUrl: string, accountId: string) => `${baseUrl}/rest/admin/1/customer/${encodeURIComponent(accountId)}`;

/**
 * Whether this audience sees the person's email: staff see everyone's; a customer sees only their own (as JSM's
 * privacy does: other customers are a name).
 */
const showsEmail = (account: AccountRecord, audience: Caller | undefined): boolean =>
  audience === undefined || audience.kind === 'staff' || (audience.kind === 'customer' && audience.accountId === account.accountId);

/** JSM's User: accountId, emailAddress (for an audience that may see it), displayName, active, timeZone, _links. */
export const userView = (account: AccountRecord, baseUrl: string, audience?: Caller) => ({
  accountId: account.accountId,
  ...(showsEmail(account, audience) ? { emailAddress: account.email } : {}),
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

/** JSM's User from the account copy on a relationship item (no read of the account needed). */
export const memberView = (m: AccountSnapshot, baseUrl: string, audience?: Caller) =>
  userView({ ...m, createdAt: '', updatedAt: '', version: 0 } as AccountRecord, baseUrl, audience);

export const profileView = (account: AccountRecord, access: EffectiveAccess, invitation: unknown, baseUrl: string) => ({
  ...directoryEntryView(account, baseUrl),
  organizations: access.organizations.map((o) => ({ id: o.id, name: o.name })),
  access: access.access,
  /** The latest portal invitation: {id, status, expiresAt, serviceDeskId}, or null. */
  invitation,
});

/** JSM's ServiceDesk, plus our access mode. */
export const deskView = (d: DeskRecord, baseUrl: string) => ({
  id: d.id,
  projectId: String(10000 + Number(d.id)),
  projectName: d.projectName,
  projectKey: d.projectKey,
  access: d.access,
  ccParticipants: d.ccParticipants !== false,
  _links: { self: `${baseUrl}/rest/servicedeskapi/servicedesk/${d.id}` },
});

/** Our own desk answers (an admin's create and change, an organization's desks, the portal's desks): JSM's ServiceDesk, the description and whether new requests are confirmed by mail. */
export const describedDeskView = (d: DeskRecord, baseUrl: string) => ({ ...deskView(d, baseUrl), description: d.description ?? '', acknowledgeRequests: d.acknowledgeRequests !== false });

/** JSM's Organization. */
export const organizationView = (o: OrganizationRecord, baseUrl: string) => ({
  id: o.id,
  name: o.name,
  _links: { self: `${baseUrl}/rest/servicedeskapi/organization/${o.id}` },
});

/** An invitation as staff see it (never its token or token hash). */
export const invitationView = (inv: InvitationRecord, baseUrl: string) => ({
  id: inv.id,
  email: inv.email,
  accountId: inv.accountId,
  serviceDeskId: inv.serviceDeskId ?? null,
  status: inv.status,
  expiresAt: jsmDate(inv.expiresAt),
  created: jsmDate(inv.createdAt),
  invitedBy: inv.invitedBy,
  sesMessageId: inv.sesMessageId ?? null,
  deliveryFailure: inv.deliveryFailure ?? null,
  resendsInLast24Hours: (inv.resends ?? []).filter((t) => Date.parse(t) > Date.now() - 86_400_000).length,
  _links: { self: `${baseUrl}/rest/admin/1/invitation/${inv.id}` },
});

const STATUS_CATEGORY: Record<string, string> = {
  'Waiting for support': 'NEW',
  'Waiting for customer': 'INDETERMINATE',
  Resolved: 'DONE',
  Closed: 'DONE',
};

/** JSM's CustomerRequestStatus. */
export const statusView = (s: { status: string; at: string }) => ({
  status: s.status,
  statusCategory: STATUS_CATEGORY[s.status] ?? 'NEW',
  statusDate: jsmDate(s.at),
});

/** JSM's CustomerRequest; the reporter comes from a map of accounts read alongside; `expanded`: what `expand` added. */
export const requestView = (r: RequestRecord, reporter: AccountRecord | undefined, baseUrl: string, audience?: Caller, expanded: Record<string, unknown> = {}) => ({
  _expands: ['participant', 'status', 'requestType', 'serviceDesk', 'sla', 'attachment', 'action', 'comment'],
  issueId: r.issueId,
  issueKey: r.issueKey,
  requestTypeId: r.requestTypeId,
  serviceDeskId: r.serviceDeskId,
  createdDate: jsmDate(r.createdAt),
  reporter: reporter ? userView(reporter, baseUrl, audience) : { accountId: r.reporterId },
  requestFieldValues: [
    { fieldId: 'summary', label: 'Summary', value: r.summary },
    { fieldId: 'description', label: 'Description', value: r.description },
    ...(r.fieldValues ?? []),
  ],
  currentStatus: statusView({ status: r.status, at: r.statusChangedAt }),
  /** Beyond JSM: latest activity (a comment or a status change), what lists are ordered by. */
  updatedDate: jsmDate(r.updatedAt),
  ...(r.followUpOf ? { followUpOf: r.followUpOf } : {}),
  ...expanded,
  ...(r.organizationId ? { organizationId: r.organizationId } : {}),
  channel: r.channel,
  _links: {
    jiraRest: `${baseUrl}/rest/servicedeskapi/request/${r.issueId}`,
    web: `${baseUrl}/portal/request/${r.issueKey}`,
    self: `${baseUrl}/rest/servicedeskapi/request/${r.issueId}`,
  },
});

/** JSM's CSATFeedbackFull. */
export const feedbackView = (f: NonNullable<RequestRecord['feedback']>) => ({ type: 'csat', rating: f.rating, ...(f.comment ? { comment: { body: f.comment } } : {}) });

/** JSM's Comment. */
export const commentView = (c: CommentRecord, author: AccountRecord | undefined, baseUrl: string, audience?: Caller) => ({
  id: c.id,
  body: c.body,
  public: c.public,
  author: author ? userView(author, baseUrl, audience) : { accountId: c.authorId },
  created: jsmDate(c.createdAt),
  _links: { self: `${baseUrl}/rest/servicedeskapi/request/${c.issueId}/comment/${c.id}` },
});
