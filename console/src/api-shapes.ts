/** The API's answers as the console reads them (JSM's shapes and the admin API's own; shared/routes/outputs/shapes.ts is the source). */

import type { JsmDate, Page } from '../../web/jsm-shapes';

export type { JsmDate, Page };
export type StaffRole = 'agent' | 'admin';
export interface Staff {
  accountId: string;
  displayName: string;
  emailAddress: string;
  role: StaffRole;
}
/** The console's session: the cookie's end and its CSRF token, and who is signed in. */
export interface ConsoleSession {
  csrfToken: string;
  expiresAt: string;
  persistent: boolean;
  staff: Staff;
}
export type AccountStatus = 'invited' | 'active' | 'suspended' | 'anonymized';
export type AccountType = 'portal' | 'site';
export interface User {
  accountId: string;
  displayName: string;
  emailAddress?: string | null;
  active?: boolean;
}
export interface DirectoryEntry extends User {
  status: AccountStatus;
  accountType: AccountType;
  staffRole?: StaffRole;
  created: JsmDate;
  updated: JsmDate;
  version: number;
}
export interface AccessReason {
  type: 'direct' | 'organization' | 'open' | 'agent';
  organizationId?: string;
}
export interface CustomerProfile extends DirectoryEntry {
  organizations: { id: string; name: string }[];
  access: { serviceDeskId: string; projectKey: string; via: AccessReason[] }[];
  invitation: { id: string; status: InvitationStatus; expiresAt: string; serviceDeskId: string | null } | null;
}
export interface AuditEvent {
  id: string;
  action: string;
  created: JsmDate;
  actor: { accountId: string };
  subjects: { type: string; id: string }[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
export interface Desk {
  id: string;
  projectName: string;
  projectKey: string;
  access: 'open' | 'restricted';
}
export interface Organization {
  id: string;
  name: string;
}
export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';
export interface Invitation {
  id: string;
  email: string;
  accountId: string;
  serviceDeskId: string | null;
  status: InvitationStatus;
  expiresAt: JsmDate;
  created: JsmDate;
  deliveryFailure: { type: 'bounce' | 'complaint'; at: string; detail?: string } | null;
  resendsInLast24Hours: number;
}
export type InviteOutcome = 'invited' | 'resent' | 'already-active' | 'suspended' | 'invalid';
export interface InviteResult {
  email: string;
  outcome: InviteOutcome;
  accountId?: string;
  invitationId?: string;
  mailed?: boolean;
}
export interface EmailDomains {
  domains: string[];
  dryRun: boolean;
  backfill: boolean;
  matched: { accountId: string; emailAddress: string | null }[];
}
export interface MailEntry {
  id: string;
  received: JsmDate;
  from: string;
  to: string[];
  subject: string;
  size: number;
  outcome?: 'accepted' | 'commented' | 'rejected' | 'ignored';
  reason?: string;
  serviceDeskId?: string;
  issueKey?: string;
}
/** A mail-log entry opened: its headers and its text. */
export interface MailMessage extends MailEntry {
  headers: { name: string; value: string }[];
  text: string;
}
export interface CustomerRequest {
  issueKey: string;
  serviceDeskId: string;
  createdDate: JsmDate;
  updatedDate: JsmDate;
  reporter: User | { accountId: string };
  requestFieldValues: { fieldId: string; label: string; value: unknown }[];
  currentStatus: { status: string; statusCategory: 'NEW' | 'INDETERMINATE' | 'DONE' };
  channel: string;
}
export interface Comment {
  id: string;
  body: string;
  public: boolean;
  author: User | { accountId: string };
  created: JsmDate;
}
export interface Transition {
  id: string;
  name: string;
}
