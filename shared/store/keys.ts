/**
 * Every key format of the single table, each entity's keys beside its type. Nothing else spells a key.
 */
import type { AccountStatus, AccountType, CustomFieldType, StaffRole } from '#domain/types';

export interface Keys {
  pk: string;
  sk: string;
}

/** Normalised form of an email used for uniqueness and search: trimmed, lower-cased. */
export const emailKey = (email: string): string => email.trim().toLowerCase();
export const searchTerm = (text: string): string => text.trim().toLowerCase();

// ---- Account ------------------------------------------------------------------------------------
export interface AccountRecord {
  accountId: string;
  email: string | null;
  displayName: string;
  accountType: AccountType;
  status: AccountStatus;
  /** Status to return to when a suspension is lifted. */
  statusBeforeSuspension?: AccountStatus;
  staffRole?: StaffRole;
  /** Portal password (scrypt); never leaves the store layer in a view. */
  passwordHash?: string;
  /** Bumped to end every portal session of the account (suspension, password reset). */
  sessionEpoch?: number;
  timeZone: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const accountKeys = (accountId: string): Keys => ({ pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT' });

/** The directory entry (GSI2) lives on the account item: the whole directory sorted by email. */
export const DIRECTORY_PARTITION = 'DIRECTORY';
export const SEARCH_PARTITION = 'DIRSEARCH';
const ANONYMIZED_SORT_PREFIX = '~anonymized';

export const accountDirectoryAttributes = (a: AccountRecord) => ({
  gsi2pk: DIRECTORY_PARTITION,
  gsi2sk: `${a.email === null ? ANONYMIZED_SORT_PREFIX : emailKey(a.email)}#${a.accountId}`,
});

/** Customers of an email domain (for organization domains): GSI1 entry on the account item; absent once anonymized. */
export const emailDomainPartition = (domain: string): string => `EMAILDOMAIN#${domain.trim().toLowerCase()}`;
export const emailDomainOf = (email: string): string => emailKey(email).split('@').pop() ?? '';
export const accountDomainAttributes = (a: AccountRecord) =>
  a.email === null ? {} : { gsi1pk: emailDomainPartition(emailDomainOf(a.email)), gsi1sk: `ACCOUNT#${a.accountId}` };

/**
 * Prefix search (GSI3) has two entries per account: the account item under its email, and a name entry under its
 * display name. Each entry also carries its twin's term and sort key, so a search that matches both keeps only the
 * one that sorts first; whichever of the pair a Query reads first is the one it keeps.
 */
const emailSort = (a: AccountRecord) => `${a.email === null ? '' : emailKey(a.email)}#${a.accountId}`;
const nameSort = (a: AccountRecord) => `${searchTerm(a.displayName)}#${a.accountId}`;

/** Search by email prefix: the account item itself; absent once anonymized. */
export const accountEmailSearchAttributes = (a: AccountRecord) =>
  a.email === null
    ? {}
    : { gsi3pk: SEARCH_PARTITION, gsi3sk: emailSort(a), ownSort: emailSort(a), twinTerm: searchTerm(a.displayName), twinSort: nameSort(a) };

/** Search by display-name prefix: a second item, a copy of the account carrying the name term. */
export const accountNameEntryKeys = (accountId: string): Keys => ({ pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT#NAME' });
export const accountNameSearchAttributes = (a: AccountRecord) => ({
  gsi3pk: SEARCH_PARTITION,
  gsi3sk: nameSort(a),
  // A copy of the sort key: DynamoDB filters may not name key attributes.
  ownSort: nameSort(a),
  twinTerm: a.email === null ? '' : emailKey(a.email),
  twinSort: emailSort(a),
});

// ---- Email uniqueness ---------------------------------------------------------------------------
export interface EmailClaim {
  accountId: string;
  /** Staff sign-in: the API token hash lives on the claim, so a sign-in attempt reads one item whether or not the email exists. */
  apiTokenHash?: string;
  /**
   * The staff member's role, beside the token hash and only with it: the two are there exactly while the account is
   * an active staff member (a suspension removes both), so a staff call authenticates with this one read.
   */
  staffRole?: 'agent' | 'admin';
}
export const emailClaimKeys = (email: string): Keys => ({ pk: `EMAIL#${emailKey(email)}`, sk: 'EMAIL' });

// ---- Audit events -------------------------------------------------------------------------------
export type AuditSubjectType = 'account' | 'organization' | 'servicedesk' | 'identityprovider';
export const auditPartition = (subject: AuditSubjectType, id: string): string => `AUDIT#${subject}#${id}`;
export const auditKeys = (subject: AuditSubjectType, id: string, at: string, eventId: string): Keys => ({
  pk: auditPartition(subject, id),
  sk: `EVENT#${at}#${eventId}`,
});
export const AUDIT_SORT_PREFIX = 'EVENT#';

// ---- Counters (numeric ids, as JSM sends them: "1", "42") --------------------------------------
export type CounterName = 'servicedesk' | 'organization' | 'requesttype' | `requests#${string}` | `comments#${string}`;
export const counterKeys = (name: CounterName): Keys => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' });
/** Numeric ids sort as text once padded. */
export const sortableId = (id: string): string => id.padStart(10, '0');

// ---- Service desk -------------------------------------------------------------------------------
export type DeskAccess = 'open' | 'restricted';
export interface DeskRecord {
  id: string;
  projectKey: string;
  projectName: string;
  access: DeskAccess;
  /** People in Cc of a new request by email become its participants (absent: on). */
  ccParticipants?: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}
export const deskKeys = (id: string): Keys => ({ pk: `DESK#${id}`, sk: 'DESK' });
export const DESKS_PARTITION = 'DESKS';
export const OPEN_DESKS_PARTITION = 'OPENDESKS';
/** Every desk is listed on GSI2; open desks also on the sparse GSI3 partition, read by every access check. */
export const deskIndexAttributes = (d: DeskRecord) => ({
  gsi2pk: DESKS_PARTITION,
  gsi2sk: sortableId(d.id),
  ...(d.access === 'open' ? { gsi3pk: OPEN_DESKS_PARTITION, gsi3sk: sortableId(d.id) } : {}),
});
export const deskKeyClaimKeys = (projectKey: string): Keys => ({ pk: `DESKKEY#${projectKey.toUpperCase()}`, sk: 'DESKKEY' });

/**
 * A custom field a request type declares (summary and description every type has). `organizations` is JSM's
 * Organizations field: its value shares the request with an organization, under the access rule.
 */
export interface CustomFieldRecord {
  fieldId: string;
  name: string;
  type: CustomFieldType;
  required: boolean;
  description: string;
  /** A select's options, in order; an option's id is its position from 1. */
  values?: string[];
}
export interface RequestTypeRecord {
  id: string;
  serviceDeskId: string;
  name: string;
  description: string;
  helpText: string;
  fields?: CustomFieldRecord[];
  createdAt: string;
}
export const REQUEST_TYPE_SORT_PREFIX = 'REQUESTTYPE#';
export const requestTypeKeys = (deskId: string, id: string): Keys => ({ pk: `DESK#${deskId}`, sk: `${REQUEST_TYPE_SORT_PREFIX}${sortableId(id)}` });

// ---- Organization -------------------------------------------------------------------------------
export interface OrganizationRecord {
  id: string;
  name: string;
  /** Desks this organization is linked to (id -> project key), on the item so effective access needs no Query per organization. */
  desks: Record<string, string>;
  domains: string[];
  /** `deleting` while its memberships and links are being removed in chunks: invisible and grants nothing. */
  state: 'active' | 'deleting';
  createdAt: string;
  updatedAt: string;
}
export const organizationKeys = (id: string): Keys => ({ pk: `ORG#${id}`, sk: 'ORG' });
export const ORGS_PARTITION = 'ORGS';
export const ORGS_BEING_DELETED_PARTITION = 'ORGS#DELETING';
export const organizationListAttributes = (id: string) => ({ gsi2pk: ORGS_PARTITION, gsi2sk: sortableId(id) });
export const organizationNameClaimKeys = (name: string): Keys => ({ pk: `ORGNAME#${searchTerm(name)}`, sk: 'ORGNAME' });
export const domainClaimKeys = (domain: string): Keys => ({ pk: `DOMAIN#${domain.trim().toLowerCase()}`, sk: 'DOMAIN' });
export const organizationPropertiesPartition = (id: string): string => `ORG#${id}#PROPERTIES`;
export const organizationPropertyKeys = (id: string, key: string): Keys => ({ pk: organizationPropertiesPartition(id), sk: `PROPERTY#${key}` });

// ---- Relationships of accounts: desk customers, desk agents, organization members -----------------
/**
 * One item per (group, account). The group is the partition, so a group's members are one Query; GSI1 inverts
 * it (gsi1pk = the account), so all of an account's relationships are one Query too. The item carries a copy of
 * the account's public fields, so a page of members renders without reading the accounts.
 */
export type Group =
  | { kind: 'deskCustomers'; deskId: string }
  | { kind: 'deskAgents'; deskId: string }
  | { kind: 'organizationMembers'; organizationId: string };

export const groupPartition = (group: Group): string => {
  switch (group.kind) {
    case 'deskCustomers':
      return `DESK#${group.deskId}#CUSTOMERS`;
    case 'deskAgents':
      return `DESK#${group.deskId}#AGENTS`;
    case 'organizationMembers':
      return `ORG#${group.organizationId}#MEMBERS`;
  }
};

export const parseGroup = (partition: string): Group | undefined => {
  const m = /^(DESK|ORG)#(\d+)#(CUSTOMERS|AGENTS|MEMBERS)$/.exec(partition);
  if (!m?.[2]) return undefined;
  if (m[1] === 'ORG') return { kind: 'organizationMembers', organizationId: m[2] };
  return m[3] === 'AGENTS' ? { kind: 'deskAgents', deskId: m[2] } : { kind: 'deskCustomers', deskId: m[2] };
};

export const ACCOUNT_MEMBER_PREFIX = 'ACCOUNT#';
export const accountRelationsPartition = (accountId: string): string => `ACCOUNT#${accountId}`;
export const membershipKeys = (group: Group, accountId: string): Keys => ({ pk: groupPartition(group), sk: `${ACCOUNT_MEMBER_PREFIX}${accountId}` });
export const membershipIndexAttributes = (group: Group, accountId: string) => ({
  gsi1pk: accountRelationsPartition(accountId),
  gsi1sk: groupPartition(group),
});

/** The account fields copied onto each of its relationship items. */
export const accountSnapshot = (a: AccountRecord) => ({
  accountId: a.accountId,
  email: a.email,
  displayName: a.displayName,
  status: a.status,
  accountType: a.accountType,
  timeZone: a.timeZone,
  emailTerm: a.email === null ? '' : emailKey(a.email),
  nameTerm: searchTerm(a.displayName),
});

// ---- Desk <-> organization links ----------------------------------------------------------------
export const deskOrganizationsPartition = (deskId: string): string => `DESK#${deskId}#ORGS`;
export const deskOrganizationLinkKeys = (deskId: string, organizationId: string): Keys => ({
  pk: deskOrganizationsPartition(deskId),
  sk: `ORG#${sortableId(organizationId)}`,
});
export const organizationDesksPartition = (organizationId: string): string => `ORG#${organizationId}`;
export const deskOrganizationLinkIndexAttributes = (deskId: string, organizationId: string) => ({
  gsi1pk: organizationDesksPartition(organizationId),
  gsi1sk: deskOrganizationsPartition(deskId),
});

// ---- Invitations --------------------------------------------------------------------------------
export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';
export interface InvitationRecord {
  id: string;
  email: string;
  accountId: string;
  serviceDeskId?: string;
  status: InvitationStatus;
  tokenHash: string;
  /** ISO time after which the token no longer works. */
  expiresAt: string;
  invitedBy: string;
  /** The account was created for this invitation (the cleanup may remove it if nothing else uses it). */
  createdAccount: boolean;
  /** The desk link was made by this invitation (it does not count as "something attached"). */
  createdDeskLink: boolean;
  sesMessageId?: string;
  /** Times of the resends (ISO), for the 3-per-24-hours limit. */
  resends: string[];
  /** Days a token lives; a resend restarts the clock with the same lifetime. */
  lifetimeDays: number;
  reminderSentAt?: string;
  /**
   * Set while the invitation is expired and the account it created is still to be looked at by the cleanup (ISO):
   * the expiry plus the grace period, or later while another invitation of the account is pending.
   */
  removeAccountAfter?: string;
  /** SES reported the invitation mail as undeliverable (a permanent bounce) or as spam (a complaint). */
  deliveryFailure?: DeliveryFailure;
  createdAt: string;
  updatedAt: string;
  version: number;
}
export interface DeliveryFailure {
  type: 'bounce' | 'complaint';
  /** When SES saw it (ISO). */
  at: string;
  /** The receiving server's diagnostic, for a bounce. */
  detail?: string;
}
export const invitationKeys = (id: string): Keys => ({ pk: `INVITATION#${id}`, sk: 'INVITATION' });
export const invitationTokenKeys = (tokenHash: string): Keys => ({ pk: `INVTOKEN#${tokenHash}`, sk: 'INVTOKEN' });
export const INVITATION_LIST_PREFIX = 'INVITATIONS#';
export const PENDING_INVITATIONS_PARTITION = 'PENDINGINVITATIONS';
export const EXPIRED_INVITATIONS_PARTITION = 'EXPIREDINVITATIONS';
/** An invitation's entry among its account's relationships (GSI1 sort key). */
export const INVITATION_RELATION_PREFIX = 'INVITATION#';
/** Upper bound of the sort keys `<ISO time>#<id>` at or before `iso`: '~' sorts after every id character. */
export const timeSortBound = (iso: string): string => `${iso}#~`;
/**
 * GSI1: the account's invitations (beside its relationships); GSI2: invitations by status, newest first;
 * GSI3 (sparse): while pending, by expiry, so the cleanup reads only what has expired; once expired, while its
 * placeholder account is still to be checked, by when to check it (the cleanup reads only what is due).
 */
export const invitationIndexAttributes = (inv: InvitationRecord) => ({
  gsi1pk: accountRelationsPartition(inv.accountId),
  gsi1sk: `${INVITATION_RELATION_PREFIX}${inv.id}`,
  gsi2pk: `${INVITATION_LIST_PREFIX}${inv.status}`,
  gsi2sk: `${inv.createdAt}#${inv.id}`,
  ...(inv.status === 'pending' ? { gsi3pk: PENDING_INVITATIONS_PARTITION, gsi3sk: `${inv.expiresAt}#${inv.id}` } : {}),
  ...(inv.status === 'expired' && inv.removeAccountAfter
    ? { gsi3pk: EXPIRED_INVITATIONS_PARTITION, gsi3sk: `${inv.removeAccountAfter}#${inv.id}` }
    : {}),
});

// ---- Portal sign-in -----------------------------------------------------------------------------
/** Password-reset tokens: stored by hash, single use, an hour long. */
export const resetTokenKeys = (tokenHash: string): Keys => ({ pk: `RESETTOKEN#${tokenHash}`, sk: 'RESETTOKEN' });
/** Recent failed sign-ins of one email (known or not), for the 10-in-15-minutes limit. */
export const signInFailureKeys = (email: string): Keys => ({ pk: `SIGNINFAIL#${emailKey(email)}`, sk: 'SIGNINFAIL' });
/** Recent password-reset requests of one email, for the 3-an-hour limit. */
export const resetRequestKeys = (email: string): Keys => ({ pk: `RESETREQ#${emailKey(email)}`, sk: 'RESETREQ' });
/** Recent self sign-ups of one email, for the 3-an-hour limit. */
export const signUpRequestKeys = (email: string): Keys => ({ pk: `SIGNUPREQ#${emailKey(email)}`, sk: 'SIGNUPREQ' });

// ---- Cleanup reports ----------------------------------------------------------------------------
export const CLEANUP_REPORTS_PARTITION = 'CLEANUPREPORTS';
export const cleanupReportKeys = (ranAt: string, runId: string): Keys => ({ pk: CLEANUP_REPORTS_PARTITION, sk: `REPORT#${ranAt}#${runId}` });

// ---- Requests -----------------------------------------------------------------------------------
export const REQUEST_STATUSES = ['Waiting for support', 'Waiting for customer', 'Resolved', 'Closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestChannel = 'portal' | 'email' | 'api';
export interface RequestRecord {
  issueId: string;
  issueKey: string;
  serviceDeskId: string;
  requestTypeId: string;
  summary: string;
  description: string;
  reporterId: string;
  /** Organization the reporter shared the request with (its members see it). */
  organizationId?: string;
  status: RequestStatus;
  statusChangedAt: string;
  /** Values of the request type's custom fields, with their labels as they were when the request was raised. */
  fieldValues?: RequestFieldValue[];
  /** People who muted the request's notifications (PUT/DELETE …/notification). */
  mutedBy?: string[];
  /** The reporter's rating once the request is resolved. */
  feedback?: { rating: number; comment?: string; at: string };
  channel: RequestChannel;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}
export interface RequestFieldValue {
  fieldId: string;
  label: string;
  /** text and date: a string; number: a number; select: the chosen option; organizations: `[{id}]` (also organizationId). */
  value: string | number | { id: string; value: string } | Array<{ id: string }>;
}
export const requestKeys = (issueId: string): Keys => ({ pk: `REQUEST#${issueId}`, sk: 'REQUEST' });
/** Status history: one item per change, on the request's partition, written in the change's transaction. */
export interface StatusChangeRecord {
  issueId: string;
  status: RequestStatus;
  at: string;
}
export const STATUS_SORT_PREFIX = 'STATUS#';
export const statusChangeKeys = (issueId: string, at: string, status: string): Keys => ({ pk: `REQUEST#${issueId}`, sk: `${STATUS_SORT_PREFIX}${at}#${status}` });
export const issueKeyClaimKeys = (issueKey: string): Keys => ({ pk: `ISSUEKEY#${issueKey.toUpperCase()}`, sk: 'ISSUEKEY' });
/** What a call through the API created (a request, a comment), by the call's content: a retried call finds it. */
export const onceClaimKeys = (fingerprint: string): Keys => ({ pk: `ONCE#${fingerprint}`, sk: 'ONCE' });
export const deskRequestCounter = (deskId: string): `requests#${string}` => `requests#${deskId}`;
/** A request's comments are numbered by its own counter: in the order they were made, and no item moves for every comment. */
export const requestCommentCounter = (issueId: string): `comments#${string}` => `comments#${issueId}`;
export const reporterPartition = (accountId: string): string => `REPORTER#${accountId}`;
export const participantPartition = (accountId: string): string => `PARTICIPANT#${accountId}`;
export const deskRequestsPartition = (deskId: string): string => `DESK#${deskId}#REQUESTS`;
export const organizationRequestsPartition = (organizationId: string): string => `ORG#${organizationId}#REQUESTS`;
const newestSort = (r: Pick<RequestRecord, 'createdAt' | 'issueId'>) => `${r.createdAt}#${sortableId(r.issueId)}`;
/** Where a request stands by latest activity (its creation, a comment, a status change). */
export const activitySort = (r: Pick<RequestRecord, 'updatedAt' | 'issueId'>) => `${r.updatedAt}#${sortableId(r.issueId)}`;
/**
 * GSI1: by reporter; GSI2: by desk; GSI3 (sparse): by the organization it is shared with. All by latest activity, as
 * JSM lists requests: the entries move with every comment and status change (they are the request item's own).
 */
export const requestIndexAttributes = (r: RequestRecord) => ({
  gsi1pk: reporterPartition(r.reporterId),
  gsi1sk: activitySort(r),
  gsi2pk: deskRequestsPartition(r.serviceDeskId),
  gsi2sk: activitySort(r),
  ...(r.organizationId ? { gsi3pk: organizationRequestsPartition(r.organizationId), gsi3sk: activitySort(r) } : {}),
});
/** A participant of a request: on the request's partition, and by participant on GSI1 (newest created first). */
export const PARTICIPANT_SORT_PREFIX = 'PARTICIPANT#';
export const participantKeys = (issueId: string, accountId: string): Keys => ({ pk: `REQUEST#${issueId}`, sk: `${PARTICIPANT_SORT_PREFIX}${accountId}` });
export const participantIndexAttributes = (r: Pick<RequestRecord, 'createdAt' | 'issueId'>, accountId: string) => ({
  gsi1pk: participantPartition(accountId),
  gsi1sk: newestSort(r),
});
export interface CommentRecord {
  id: string;
  issueId: string;
  body: string;
  public: boolean;
  authorId: string;
  createdAt: string;
}
export const COMMENT_SORT_PREFIX = 'COMMENT#';
export const commentKeys = (issueId: string, commentId: string): Keys => ({ pk: `REQUEST#${issueId}`, sk: `${COMMENT_SORT_PREFIX}${sortableId(commentId)}` });

// ---- Mail ---------------------------------------------------------------------------------------
export type MailOutcome = 'accepted' | 'commented' | 'rejected' | 'ignored';
/**
 * One inbound message, keyed by SES's message id: claimed (`processing`) before anything else happens, so a second
 * delivery of the same message is recognised; `done` once its outcome is written, in the same transaction as the
 * request or comment it made. It keeps the message's essentials, so an admin can accept a refused one without S3.
 */
export interface MailLogRecord {
  id: string;
  receivedAt: string;
  status: 'processing' | 'done';
  from: string;
  fromName: string;
  to: string[];
  /** The addresses of ours SES accepted the message for. */
  recipients: string[];
  subject: string;
  /** The body as text, cut to the length a request description may have. */
  text: string;
  size: number;
  outcome?: MailOutcome;
  reason?: string;
  serviceDeskId?: string;
  issueId?: string;
  issueKey?: string;
  commentId?: string;
  /**
   * A new request by email owes its sender an acknowledgement: `due` in the request's transaction, `sent` after, or
   * `refused` when SES refused it for good (a suppressed or unverified address): retrying could never send it.
   */
  acknowledgement?: 'due' | 'sent' | 'refused';
  updatedAt: string;
}
export const mailLogKeys = (sesMessageId: string): Keys => ({ pk: `MAIL#${sesMessageId}`, sk: 'MAIL' });
export const MAIL_LOG_PARTITION = 'MAILLOG';
/** GSI2: every finished message, newest first (in-flight ones are not listed). */
export const mailLogIndexAttributes = (m: Pick<MailLogRecord, 'receivedAt' | 'id'>) => ({
  gsi2pk: MAIL_LOG_PARTITION,
  gsi2sk: `${m.receivedAt}#${m.id}`,
});

// ---- Mail threads -------------------------------------------------------------------------------
/**
 * A message of a request's thread, by Message-ID (without brackets, lower-cased): the customer's message that made
 * it, a reply that became a comment, and the SES message ids of what we sent about it (SES replaces our Message-ID
 * with `<sesMessageId@<region>.amazonses.com>`). One message can belong to several requests (sent to two desks).
 */
export const threadMessageKeys = (messageId: string): Keys => ({ pk: `MSGID#${messageId.replace(/^<|>$/g, '').toLowerCase()}`, sk: 'MSGID' });
