/**
 * Accounts in the table: the account item (directory entry and email search entry on it), its name-search copy,
 * and the email claim that keeps emails unique. Every write of an account is one transaction over these items.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { partitionQuery, queryAll } from './query';
import { dynamo, tableName } from './client';
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
