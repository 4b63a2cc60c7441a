/**
 * Account: one site-wide directory of people. The account item carries its directory entry (lists), its email
 * search entry (selections) and its email-domain entry (relations); a second item, the name entry, is a copy of the
 * account carrying its display-name search entry.
 */
import * as z from 'zod/mini';
import { emailDomainOf, emailKey, searchTerm } from '#model/email';
import { ACCOUNT_STATUSES, ACCOUNT_TYPES, STAFF_ROLES } from '#model/vocabulary';
import { reader, type Keys } from './item';

export const accountSchema = z.object({
  accountId: z.string(),
  /** null once anonymized. */
  email: z.nullable(z.string()),
  displayName: z.string(),
  accountType: z.enum(ACCOUNT_TYPES),
  status: z.enum(ACCOUNT_STATUSES),
  /** Status to return to when a suspension is lifted. */
  statusBeforeSuspension: z.optional(z.enum(ACCOUNT_STATUSES)),
  staffRole: z.optional(z.enum(STAFF_ROLES)),
  /** Portal password (scrypt); never leaves the store layer in a view. */
  passwordHash: z.optional(z.string()),
  /** Bumped to end every portal session of the account (suspension, password reset). */
  sessionEpoch: z.optional(z.number()),
  timeZone: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type AccountRecord = z.infer<typeof accountSchema>;

declare module '#model/caller' {
  /** The signed-in customer's account on the Caller is this entity's record. */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface CallerAccount extends AccountRecord {}
}

export const toAccount = reader(accountSchema);

export const accountKeys = (accountId: string): Keys => ({ pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT' });
/** Everything filed under an account on the relations index: its memberships and its invitations. */
export const accountRelationsPartition = (accountId: string): string => `ACCOUNT#${accountId}`;

/** The directory entry (lists index) lives on the account item: the whole directory sorted by email. */
export const DIRECTORY_PARTITION = 'DIRECTORY';
export const SEARCH_PARTITION = 'DIRSEARCH';
const ANONYMIZED_SORT_PREFIX = '~anonymized';

export const accountDirectoryAttributes = (a: AccountRecord) => ({
  listPk: DIRECTORY_PARTITION,
  listSk: `${a.email === null ? ANONYMIZED_SORT_PREFIX : emailKey(a.email)}#${a.accountId}`,
});

/** Customers of an email domain (for organization domains): a relations entry on the account item; absent once anonymized. */
export const emailDomainPartition = (domain: string): string => `EMAILDOMAIN#${domain.trim().toLowerCase()}`;
export const accountDomainAttributes = (a: AccountRecord) =>
  a.email === null ? {} : { relationPk: emailDomainPartition(emailDomainOf(a.email)), relationSk: `ACCOUNT#${a.accountId}` };

/**
 * Prefix search (selections index) has two entries per account: the account item under its email, and a name entry
 * under its display name. Each entry also carries its twin's term and sort key, so a search that matches both keeps
 * only the one that sorts first; whichever of the pair a Query reads first is the one it keeps.
 */
const emailSort = (a: AccountRecord) => `${a.email === null ? '' : emailKey(a.email)}#${a.accountId}`;
const nameSort = (a: AccountRecord) => `${searchTerm(a.displayName)}#${a.accountId}`;

/** Search by email prefix: the account item itself; absent once anonymized. */
export const accountEmailSearchAttributes = (a: AccountRecord) =>
  a.email === null
    ? {}
    : { selectionPk: SEARCH_PARTITION, selectionSk: emailSort(a), ownSort: emailSort(a), twinTerm: searchTerm(a.displayName), twinSort: nameSort(a) };

/** Search by display-name prefix: a second item, a copy of the account carrying the name term. */
export const accountNameEntryKeys = (accountId: string): Keys => ({ pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT#NAME' });
export const accountNameSearchAttributes = (a: AccountRecord) => ({
  selectionPk: SEARCH_PARTITION,
  selectionSk: nameSort(a),
  // A copy of the sort key: DynamoDB filters may not name key attributes.
  ownSort: nameSort(a),
  twinTerm: a.email === null ? '' : emailKey(a.email),
  twinSort: emailSort(a),
});

/** The account item: the record, its keys and its index entries. */
export const accountItem = (a: AccountRecord) => ({
  ...accountKeys(a.accountId),
  entity: 'account',
  ...a,
  ...accountDirectoryAttributes(a),
  ...accountEmailSearchAttributes(a),
  ...accountDomainAttributes(a),
});

/** The name entry: a copy of the account without its password hash. */
export const accountNameItem = (a: AccountRecord) => {
  const { passwordHash: _secret, ...copy } = a;
  return { ...accountNameEntryKeys(a.accountId), entity: 'accountName', ...copy, ...accountNameSearchAttributes(a) };
};
