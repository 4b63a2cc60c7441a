/**
 * What the invitation cleanup reads and writes beyond the invitation items: everything attached to an account (one
 * Query of its relations-index partition), the items of a placeholder account to delete, and the run reports.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { releaseEmailItem } from './accounts';
import { accountKeys, accountNameEntryKeys, accountRelationsPartition, type AccountRecord } from './entities/account';
import { CLEANUP_REPORTS_PARTITION, cleanupReportItem, toCleanupReport, type CleanupReportRecord } from './entities/cleanup-report';
import { INVITATION_RELATION_PREFIX, toInvitation, type InvitationRecord } from './entities/invitation';
import { parseGroup, type Group } from './entities/membership';
import { participantPartition } from './entities/participant';
import { reporterPartition } from './entities/request';
import { deleteMembershipItem } from './memberships';
import { partitionQuery, queryAll } from './query';
import { INDEXES } from './table-spec';
import { write, type TransactItem } from './transact';

export interface AccountFootprint {
  /** Desks (customer or agent) and organizations the account belongs to. */
  groups: Group[];
  invitations: InvitationRecord[];
  /** The account reported a request or participates in one. */
  hasRequests: boolean;
}

/** Whether a relations-index partition holds anything: one Query of at most one key. */
const anyIn = async (partition: string): Promise<boolean> => {
  const out = await dynamo().send(new QueryCommand({ TableName: tableName(), ...partitionQuery(partition, { index: 'relations', projection: 'pk' }), Limit: 1 }));
  return (out.Items ?? []).length > 0;
};

/**
 * The account's relationships and invitations (one Query of `relationPk = ACCOUNT#id`), and whether it has requests
 * (one-key Queries of `REPORTER#id` and `PARTICIPANT#id`), read in parallel.
 */
export const accountFootprint = async (accountId: string): Promise<AccountFootprint> => {
  const [items, reported, participates] = await Promise.all([
    queryAll(partitionQuery(accountRelationsPartition(accountId), { index: 'relations' })),
    anyIn(reporterPartition(accountId)),
    anyIn(participantPartition(accountId)),
  ]);
  const footprint: AccountFootprint = { groups: [], invitations: [], hasRequests: reported || participates };
  for (const item of items) {
    const sort = String(item[INDEXES.relations.sort]);
    if (sort.startsWith(INVITATION_RELATION_PREFIX)) footprint.invitations.push(toInvitation(item));
    const group = parseGroup(sort);
    if (group) footprint.groups.push(group);
  }
  return footprint;
};

/**
 * Deletes a placeholder account: its item (only while still `invited` at the version read), its name entry, its email
 * claim (the email is free again) and the desk-customer links invitations made for it.
 */
export const deletePlaceholderAccountItems = (account: AccountRecord, invitedToDesks: string[]): TransactItem[] => [
  write('account', {
    Delete: {
      TableName: tableName(),
      Key: accountKeys(account.accountId),
      ConditionExpression: '#status = :invited AND version = :version',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':invited': 'invited', ':version': account.version },
    },
  }),
  write('account', { Delete: { TableName: tableName(), Key: accountNameEntryKeys(account.accountId) } }),
  ...(account.email === null ? [] : [releaseEmailItem(account.email, account.accountId)]),
  ...invitedToDesks.map((deskId) => deleteMembershipItem({ kind: 'deskCustomers', deskId }, account.accountId)),
];

// ---- Reports ------------------------------------------------------------------------------------
export const putCleanupReport = async (report: CleanupReportRecord): Promise<void> => {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: cleanupReportItem(report),
    }),
  );
};

/** The latest reports, newest first: one Query. */
export const latestCleanupReports = async (limit: number): Promise<CleanupReportRecord[]> => {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': CLEANUP_REPORTS_PARTITION },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map(toCleanupReport);
};
