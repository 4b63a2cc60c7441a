/**
 * Membership: one item per (group, account), for a desk's customers, a desk's agents and an organization's members.
 * The group is the partition, so a group's members are one Query; the relations index inverts it (relationPk = the
 * account), so all of an account's memberships are one Query too. The item carries a copy of the account's public
 * fields, so a page of members renders without reading the accounts.
 */
import * as z from 'zod/mini';
import { emailKey, searchTerm } from '#model/email';
import { ACCOUNT_STATUSES, ACCOUNT_TYPES } from '#model/vocabulary';
import { accountRelationsPartition, type AccountRecord } from './account';
import { reader, type Keys } from './item';

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

/** The account fields copied onto each of its membership items, with the lower-cased terms member search filters on. */
export const accountSnapshotSchema = z.object({
  accountId: z.string(),
  email: z.nullable(z.string()),
  displayName: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  accountType: z.enum(ACCOUNT_TYPES),
  timeZone: z.string(),
  emailTerm: z.string(),
  nameTerm: z.string(),
});
export type AccountSnapshot = z.infer<typeof accountSnapshotSchema>;
export const toAccountSnapshot = reader(accountSnapshotSchema);

export const accountSnapshot = (a: AccountRecord): AccountSnapshot => ({
  accountId: a.accountId,
  email: a.email,
  displayName: a.displayName,
  status: a.status,
  accountType: a.accountType,
  timeZone: a.timeZone,
  emailTerm: a.email === null ? '' : emailKey(a.email),
  nameTerm: searchTerm(a.displayName),
});

export const ACCOUNT_MEMBER_PREFIX = 'ACCOUNT#';
export const membershipKeys = (group: Group, accountId: string): Keys => ({ pk: groupPartition(group), sk: `${ACCOUNT_MEMBER_PREFIX}${accountId}` });
export const membershipIndexAttributes = (group: Group, accountId: string) => ({
  relationPk: accountRelationsPartition(accountId),
  relationSk: groupPartition(group),
});

/** `extra`: what a desk membership adds (the desk's project key, so an account's desks need no read of the desks). */
export const membershipItem = (group: Group, account: AccountRecord, extra: { projectKey?: string } = {}) => ({
  ...membershipKeys(group, account.accountId),
  entity: 'membership',
  ...membershipIndexAttributes(group, account.accountId),
  ...accountSnapshot(account),
  ...extra,
});

/** An account's membership as its relations Query projects it: the group, and a desk's project key. */
export const accountGroupSchema = z.object({ relationSk: z.string(), projectKey: z.optional(z.string()) });
export const toAccountGroupEntry = reader(accountGroupSchema);
