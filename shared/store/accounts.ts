/**
 * Accounts in the table: the account item (directory entry and email search entry on it), its name-search copy,
 * and the email claim that keeps emails unique. Every write of an account is one transaction over these items.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { partitionQuery, queryAll, queryPage } from './query';
import { dynamo, tableName } from './client';
import { breach, type Breach, type Invariant } from './invariant';
import {
  accountDirectoryAttributes,
  accountDomainAttributes,
  accountEmailSearchAttributes,
  accountItem,
  accountKeys,
  accountNameEntryKeys,
  accountNameItem,
  accountNameSearchAttributes,
  DIRECTORY_PARTITION,
  SEARCH_PARTITION,
  emailDomainPartition,
  toAccount,
  type AccountRecord,
} from './entities/account';
import { emailClaimItem, emailClaimKeys, toEmailClaim, type EmailClaim } from './entities/email-claim';
import type { Item } from './entities/item';
import { versionedPut, write, type TransactItem } from './transact';
import { searchTerm } from '#model/email';
import type { AccountStatus, AccountType, StaffRole } from '#model/vocabulary';
import { mapPage } from '#model/page';

export const getAccount = async (accountId: string): Promise<AccountRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: accountKeys(accountId) }));
  return out.Item ? toAccount(out.Item) : undefined;
};

export const getEmailClaim = async (email: string): Promise<EmailClaim | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: emailClaimKeys(email) }));
  return out.Item ? toEmailClaim(out.Item) : undefined;
};

/**
 * The account item and its name-search copy. `expectedVersion` guards against lost updates: undefined means the
 * account must not exist yet.
 */
export const putAccountItems = (account: AccountRecord, expectedVersion: number | undefined): TransactItem<'account'>[] => [
  versionedPut('account', accountItem(account), expectedVersion),
  write(
    'account',
    account.status === 'anonymized'
      ? { Delete: { TableName: tableName(), Key: accountNameEntryKeys(account.accountId) } }
      : { Put: { TableName: tableName(), Item: accountNameItem(account) } },
  ),
];

export const claimEmailItem = (email: string, claim: EmailClaim): TransactItem<'emailClaim'> =>
  write('emailClaim', {
    Put: {
      TableName: tableName(),
      Item: emailClaimItem(email, claim),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

/** Frees an email; given the API token hash that was read, only while it is still that one (no rotation lost). */
export const releaseEmailItem = (email: string, accountId: string, apiTokenHash?: string): TransactItem<'emailClaim'> =>
  write('emailClaim', {
    Delete: {
      TableName: tableName(),
      Key: emailClaimKeys(email),
      ConditionExpression: apiTokenHash ? 'accountId = :id AND apiTokenHash = :h' : 'accountId = :id',
      ExpressionAttributeValues: apiTokenHash ? { ':id': accountId, ':h': apiTokenHash } : { ':id': accountId },
    },
  });

/** Set a staff member's API token hash on their email claim, only while the claim is still theirs. */
export const setApiTokenHashItem = (email: string, accountId: string, apiTokenHash: string, staffRole: StaffRole): TransactItem<'emailClaim'> =>
  write('emailClaim', {
    Update: {
      TableName: tableName(),
      Key: emailClaimKeys(email),
      UpdateExpression: 'SET apiTokenHash = :h, staffRole = :r',
      ConditionExpression: 'accountId = :id',
      ExpressionAttributeValues: { ':h': apiTokenHash, ':r': staffRole, ':id': accountId },
    },
  });

/** Ends a staff member's API token (suspension): no token verifies until a new one is issued. */
export const removeApiTokenHashItem = (email: string, accountId: string): TransactItem<'emailClaim'> =>
  write('emailClaim', {
    Update: {
      TableName: tableName(),
      Key: emailClaimKeys(email),
      UpdateExpression: 'REMOVE apiTokenHash, staffRole',
      ConditionExpression: 'accountId = :id',
      ExpressionAttributeValues: { ':id': accountId },
    },
  });

export const getAccounts = async (accountIds: string[]): Promise<AccountRecord[]> =>
  (await batchGet(accountIds.map(accountKeys))).map(toAccount);

/** Accounts whose email is at this domain: the relations index, all pages (an admin operation, not a request hot path). */
export const accountsAtDomain = async (domain: string): Promise<AccountRecord[]> =>
  (await queryAll(partitionQuery(emailDomainPartition(domain), { index: 'relations' }))).map(toAccount);

export interface DirectorySearch {
  query?: string | undefined;
  status?: AccountStatus | undefined;
  accountType?: AccountType | undefined;
  start: number;
  limit: number;
  cursor?: string | undefined;
}

/**
 * One page of the directory. Without a query: the directory index, by email. With one: the search index, where
 * each account has an email entry and a name entry; when both match, only the first in sort order is kept, so
 * every account appears once and a Query reading 2 entries per wanted value always fills the page.
 */
export const queryDirectory = async (search: DirectorySearch) => {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (search.status) {
    conditions.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = search.status;
  }
  if (search.accountType) {
    conditions.push('accountType = :type');
    values[':type'] = search.accountType;
  }
  const term = search.query ? searchTerm(search.query) : '';
  if (term) {
    // Of an account's two entries, keep the one that sorts first when both match (see entities/account.ts).
    conditions.push('(NOT begins_with(twinTerm, :term) OR ownSort < twinSort)');
    values[':term'] = term;
  }
  const filter = conditions.length > 0 ? { expression: conditions.join(' AND '), names, values } : undefined;
  const page = await queryPage({
    ...(term
      ? { index: 'selections' as const, partitionValue: SEARCH_PARTITION, sortPrefix: term, itemsPerValue: 2 }
      : { index: 'lists' as const, partitionValue: DIRECTORY_PARTITION }),
    ...(filter ? { filter } : {}),
    start: search.start,
    limit: search.limit,
    cursor: search.cursor,
  });
  return mapPage(page, toAccount);
};

// ---- Invariants (read by the table checker) -----------------------------------------------------
const sameAttributes = (item: Item | undefined, expected: Record<string, unknown>): boolean =>
  item !== undefined && Object.entries(expected).every(([k, v]) => item[k] === v);
/** Index attributes the account item carries, all derived from its email (absent once anonymized). */
const DERIVED_ATTRIBUTES = ['relationPk', 'relationSk', 'listPk', 'listSk', 'selectionPk', 'selectionSk', 'ownSort', 'twinTerm', 'twinSort'] as const;

export const invariants: Invariant[] = [
  {
    name: 'email-claim',
    rule: 'Every email claim points at an existing account with that email, and every account with an email has its claim',
    check: (table) => [
      ...table.of('emailClaim').flatMap((claim) => {
        const account = table.get(accountKeys(String(claim.accountId)));
        if (!account) return [breach(`email claim ${claim.pk} points at account ${claim.accountId}, which does not exist`, claim)];
        const email = account.email as string | null;
        return email !== null && emailClaimKeys(email).pk === claim.pk
          ? []
          : [breach(`email claim ${claim.pk} points at account ${claim.accountId}, whose email is ${email}`, claim, account)];
      }),
      ...table.of('account').flatMap((account) => {
        const email = account.email as string | null;
        if (email === null) return [];
        const claim = table.get(emailClaimKeys(email));
        return claim?.accountId === account.accountId ? [] : [breach(`account ${account.accountId} (${email}) has no email claim of its own`, account, claim ?? emailClaimKeys(email))];
      }),
    ],
  },
  {
    name: 'search-entries',
    rule: "An account's directory and search entries (on the account item, and its name entry) match its current name and email",
    check: (table) =>
      table.of('account').flatMap((item) => {
        const account = toAccount(item);
        const found: Breach[] = [];
        const own: Record<string, unknown> = { ...accountDirectoryAttributes(account), ...accountEmailSearchAttributes(account), ...accountDomainAttributes(account) };
        const stale = DERIVED_ATTRIBUTES.filter((k) => item[k] !== own[k]);
        if (stale.length > 0) found.push(breach(`account ${account.accountId}: ${stale.join(', ')} do not match its email and name`, item));
        const nameKeys = accountNameEntryKeys(account.accountId);
        const nameEntry = table.get(nameKeys);
        if (account.status === 'anonymized') {
          if (nameEntry) found.push(breach(`anonymized account ${account.accountId} still has a name search entry`, item, nameEntry));
        } else if (!sameAttributes(nameEntry, { ...accountNameSearchAttributes(account), displayName: account.displayName, email: account.email, status: account.status })) {
          found.push(breach(`account ${account.accountId}: its name search entry is missing or does not match its name and email`, item, nameEntry ?? nameKeys));
        }
        return found;
      }),
  },
];
