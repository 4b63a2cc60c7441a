/**
 * Accounts in the table: the account item (directory entry and email search entry on it), its name-search copy,
 * and the email claim that keeps emails unique. Every write of an account is one transaction over these items.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { partitionQuery, queryAll, type Item } from './query';
import { dynamo, tableName } from './client';
import { breach, type Breach, type Invariant } from './invariant';
import {
  accountDirectoryAttributes,
  accountDomainAttributes,
  emailDomainPartition,
  accountEmailSearchAttributes,
  accountKeys,
  accountNameEntryKeys,
  accountNameSearchAttributes,
  emailClaimKeys,
  type AccountRecord,
  type EmailClaim,
} from './keys';
import type { TransactItem } from './transact';

const ACCOUNT_FIELDS = [
  'accountId', 'email', 'displayName', 'accountType', 'status', 'statusBeforeSuspension', 'staffRole',
  'passwordHash', 'sessionEpoch', 'timeZone', 'createdAt', 'updatedAt', 'version',
] as const;

export const toAccount = (item: Record<string, unknown>): AccountRecord =>
  Object.fromEntries(ACCOUNT_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as AccountRecord;

export const getAccount = async (accountId: string): Promise<AccountRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: accountKeys(accountId) }));
  return out.Item ? toAccount(out.Item) : undefined;
};

export const getEmailClaim = async (email: string): Promise<EmailClaim | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: emailClaimKeys(email) }));
  if (!out.Item) return undefined;
  const claim: EmailClaim = { accountId: out.Item.accountId as string };
  if (typeof out.Item.apiTokenHash === 'string') claim.apiTokenHash = out.Item.apiTokenHash;
  if (out.Item.staffRole === 'agent' || out.Item.staffRole === 'admin') claim.staffRole = out.Item.staffRole;
  return claim;
};

/**
 * The account item and its name-search copy. `expectedVersion` guards against lost updates: undefined means the
 * account must not exist yet.
 */
export const putAccountItems = (account: AccountRecord, expectedVersion: number | undefined): TransactItem[] => {
  const condition =
    expectedVersion === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...accountKeys(account.accountId), entity: 'account', ...account, ...accountDirectoryAttributes(account), ...accountEmailSearchAttributes(account), ...accountDomainAttributes(account) },
        ...condition,
      },
    },
  ];
  if (account.status === 'anonymized') {
    items.push({ Delete: { TableName: tableName(), Key: accountNameEntryKeys(account.accountId) } });
  } else {
    const { passwordHash: _secret, ...copy } = account;
    items.push({
      Put: {
        TableName: tableName(),
        Item: { ...accountNameEntryKeys(account.accountId), entity: 'accountName', ...copy, ...accountNameSearchAttributes(account) },
      },
    });
  }
  return items;
};

export const claimEmailItem = (email: string, claim: EmailClaim): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...emailClaimKeys(email), entity: 'emailClaim', ...claim },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** Frees an email; given the API token hash that was read, only while it is still that one (no rotation lost). */
export const releaseEmailItem = (email: string, accountId: string, apiTokenHash?: string): TransactItem => ({
  Delete: {
    TableName: tableName(),
    Key: emailClaimKeys(email),
    ConditionExpression: apiTokenHash ? 'accountId = :id AND apiTokenHash = :h' : 'accountId = :id',
    ExpressionAttributeValues: apiTokenHash ? { ':id': accountId, ':h': apiTokenHash } : { ':id': accountId },
  },
});

/** Set a staff member's API token hash on their email claim, only while the claim is still theirs. */
export const setApiTokenHashItem = (email: string, accountId: string, apiTokenHash: string, staffRole: 'agent' | 'admin'): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: emailClaimKeys(email),
    UpdateExpression: 'SET apiTokenHash = :h, staffRole = :r',
    ConditionExpression: 'accountId = :id',
    ExpressionAttributeValues: { ':h': apiTokenHash, ':r': staffRole, ':id': accountId },
  },
});

/** Ends a staff member's API token (suspension): no token verifies until a new one is issued. */
export const removeApiTokenHashItem = (email: string, accountId: string): TransactItem => ({
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

/** Accounts whose email is at this domain: GSI1, all pages (an admin operation, not a request hot path). */
export const accountsAtDomain = async (domain: string): Promise<AccountRecord[]> =>
  (await queryAll(partitionQuery(emailDomainPartition(domain), { index: 'inverted' }))).map(toAccount);

// ---- Invariants (read by the table checker) -----------------------------------------------------
const sameAttributes = (item: Item | undefined, expected: Record<string, unknown>): boolean =>
  item !== undefined && Object.entries(expected).every(([k, v]) => item[k] === v);
/** Index attributes the account item carries, all derived from its email (absent once anonymized). */
const DERIVED_ATTRIBUTES = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'ownSort', 'twinTerm', 'twinSort'] as const;

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
