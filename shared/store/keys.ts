/**
 * Every key format of the single table, each entity's keys beside its type. Nothing else spells a key.
 */
import type { AccountStatus, AccountType, StaffRole } from '#domain/types';

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

/** Search by email prefix: the account item itself; absent once anonymized. */
export const accountEmailSearchAttributes = (a: AccountRecord) =>
  a.email === null ? {} : { gsi3pk: SEARCH_PARTITION, gsi3sk: `${emailKey(a.email)}#${a.accountId}`, searchField: 'email' };

/** Search by display-name prefix: a second item, a copy of the account carrying the name term. */
export const accountNameEntryKeys = (accountId: string): Keys => ({ pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT#NAME' });
export const accountNameSearchAttributes = (a: AccountRecord) => ({
  gsi3pk: SEARCH_PARTITION,
  gsi3sk: `${searchTerm(a.displayName)}#${a.accountId}`,
  searchField: 'name',
  emailTerm: a.email === null ? '' : emailKey(a.email),
});

// ---- Email uniqueness ---------------------------------------------------------------------------
export interface EmailClaim {
  accountId: string;
  /** Staff sign-in: the API token hash lives on the claim, so a sign-in attempt reads one item whether or not the email exists. */
  apiTokenHash?: string;
}
export const emailClaimKeys = (email: string): Keys => ({ pk: `EMAIL#${emailKey(email)}`, sk: 'EMAIL' });

// ---- Audit events -------------------------------------------------------------------------------
export type AuditSubjectType = 'account' | 'organization' | 'servicedesk';
export const auditPartition = (subject: AuditSubjectType, id: string): string => `AUDIT#${subject}#${id}`;
export const auditKeys = (subject: AuditSubjectType, id: string, at: string, eventId: string): Keys => ({
  pk: auditPartition(subject, id),
  sk: `EVENT#${at}#${eventId}`,
});
export const AUDIT_SORT_PREFIX = 'EVENT#';
