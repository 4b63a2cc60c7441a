/**
 * Relationship items between a group (a desk's customers or agents, an organization's members) and accounts.
 * One item per pair: its relations-index copy is maintained by DynamoDB with the item, so the two sides cannot disagree.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import { accountKeys, accountRelationsPartition, toAccount, type AccountRecord } from './entities/account';
import { deskKeys } from './entities/desk';
import { INVITATION_RELATION_PREFIX, toInvitation, type InvitationRecord } from './entities/invitation';
import type { Item, Keys } from './entities/item';
import {
  ACCOUNT_MEMBER_PREFIX,
  accountSnapshot,
  groupPartition,
  membershipIndexAttributes,
  membershipItem,
  membershipKeys,
  parseGroup,
  toAccountGroupEntry,
  toAccountSnapshot,
  type AccountSnapshot,
  type Group,
} from './entities/membership';
import { organizationKeys } from './entities/organization';
import { breach, type Breach, type Invariant, type TableSnapshot } from './invariant';
import { partitionQuery, queryAll, queryPage } from './query';
import { write, type TransactItem } from './transact';
import { mapPage, type Page } from '#model/page';

/** Adds the pair; the condition makes a concurrent second add of the same pair fail instead of doubling it. */
export const putMembershipItem = (group: Group, account: AccountRecord, extra: { projectKey?: string } = {}): TransactItem<'membership'> =>
  write('membership', {
    Put: {
      TableName: tableName(),
      Item: membershipItem(group, account, extra),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

export const deleteMembershipItem = (group: Group, accountId: string): TransactItem<'membership'> =>
  write('membership', {
    Delete: { TableName: tableName(), Key: membershipKeys(group, accountId), ConditionExpression: 'attribute_exists(pk)' },
  });

/** Which of these accounts are already in the group. */
export const existingMembers = async (group: Group, accountIds: string[]): Promise<Set<string>> => {
  const items = await batchGet(accountIds.map((id) => membershipKeys(group, id)));
  return new Set(items.map((item) => toAccountSnapshot(item).accountId));
};

export const isMember = async (group: Group, accountId: string): Promise<boolean> =>
  (await existingMembers(group, [accountId])).has(accountId);

export interface MemberFilter {
  /** Prefix of the email or of the display name, lower-cased. */
  term?: string | undefined;
}

export const queryMembers = async (
  group: Group,
  page: { start: number; limit: number; cursor?: string | undefined },
  filter: MemberFilter = {},
): Promise<Page<AccountSnapshot>> => {
  const result = await queryPage({
    partitionValue: groupPartition(group),
    sortPrefix: ACCOUNT_MEMBER_PREFIX,
    ...(filter.term
      ? { filter: { expression: 'begins_with(emailTerm, :term) OR begins_with(nameTerm, :term)', values: { ':term': filter.term } } }
      : {}),
    ...page,
  });
  return mapPage(result, toAccountSnapshot);
};

export interface AccountGroup {
  group: Group;
  /** The desk's project key, on desk relationships. */
  projectKey?: string;
}

const groupsOf = (items: Item[]): AccountGroup[] =>
  items.flatMap((item) => {
    const entry = toAccountGroupEntry(item);
    const group = parseGroup(entry.relationSk);
    return group ? [{ group, ...(entry.projectKey === undefined ? {} : { projectKey: entry.projectKey }) }] : [];
  });

/** Every group an account belongs to: one Query on the relations index (more pages only past 1 MB). */
export const accountGroups = async (accountId: string): Promise<AccountGroup[]> =>
  groupsOf(await queryAll(partitionQuery(accountRelationsPartition(accountId), { index: 'relations', projection: 'relationSk, projectKey' })));

/** Everything filed under an account on the relations index, its groups and its invitations: one Query. */
export const accountRelations = async (accountId: string): Promise<{ groups: AccountGroup[]; invitations: InvitationRecord[] }> => {
  const items = await queryAll(partitionQuery(accountRelationsPartition(accountId), { index: 'relations' }));
  return { groups: groupsOf(items), invitations: items.filter((i) => String(i.relationSk).startsWith(INVITATION_RELATION_PREFIX)).map(toInvitation) };
};

/** Brings the account's copy on one relationship item up to date; only while the item exists. */
const refreshCopy = (group: Group, account: AccountRecord) => {
  const snapshot = accountSnapshot(account);
  return {
    TableName: tableName(),
    Key: membershipKeys(group, account.accountId),
    UpdateExpression: 'SET email = :email, displayName = :name, #status = :status, emailTerm = :et, nameTerm = :nt, #tz = :tz',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#status': 'status', '#tz': 'timeZone' },
    ExpressionAttributeValues: {
      ':email': snapshot.email,
      ':name': snapshot.displayName,
      ':status': snapshot.status,
      ':et': snapshot.emailTerm,
      ':nt': snapshot.nameTerm,
      ':tz': snapshot.timeZone,
    },
  };
};
export const refreshCopyItem = (group: Group, account: AccountRecord): TransactItem<'membership'> => write('membership', { Update: refreshCopy(group, account) });

/** After an account changes, its copies on relationship items follow (idempotent: reruns converge). */
export const refreshAccountCopies = async (account: AccountRecord): Promise<void> => {
  const groups = await accountGroups(account.accountId);
  await Promise.all(
    groups.map(({ group }) =>
      dynamo()
        .send(new UpdateCommand(refreshCopy(group, account)))
        .catch((error: unknown) => {
          // Removed from the group meanwhile: nothing to refresh.
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        }),
    ),
  );
};

// ---- Invariants (read by the table checker) -----------------------------------------------------
/**
 * The inverse side of a membership is not a second item: the relations index is DynamoDB's copy of the same item, so it cannot go
 * missing on its own. What can break is the item itself: inverse keys that do not name its account and group (the
 * account's Query would not find it), or an end that no longer exists.
 */
const groupOwnerKeys = (group: Group): Keys =>
  group.kind === 'organizationMembers' ? organizationKeys(group.organizationId) : deskKeys(group.deskId);

const membersOf = (table: TableSnapshot): Array<{ item: Item; group: Group; accountId: string }> =>
  table.of('membership').flatMap((item) => {
    const group = parseGroup(String(item.pk));
    const accountId = String(item.sk).slice(ACCOUNT_MEMBER_PREFIX.length);
    return group ? [{ item, group, accountId }] : [];
  });

export const invariants: Invariant[] = [
  {
    name: 'membership-ends',
    rule: 'Every membership names its account and group in its inverse-index keys, and both ends exist (an organization being deleted is reported once, as unfinished)',
    check: (table) =>
      table.of('membership').flatMap((item) => {
        const group = parseGroup(String(item.pk));
        if (!group) return [breach(`membership under ${item.pk}, which is no group partition`, item)];
        const accountId = String(item.sk).slice(ACCOUNT_MEMBER_PREFIX.length);
        const inverse = membershipIndexAttributes(group, accountId);
        const found: Breach[] = [];
        if (item.relationPk !== inverse.relationPk || item.relationSk !== inverse.relationSk || item.accountId !== accountId) {
          found.push(breach(`membership ${item.pk} ${item.sk}: its inverse keys do not name account ${accountId} and its group`, item));
        }
        const account = table.get(accountKeys(accountId));
        if (!account) found.push(breach(`membership ${item.pk} of account ${accountId}, which does not exist`, item, accountKeys(accountId)));
        if (!table.get(groupOwnerKeys(group))) found.push(breach(`membership ${item.pk} ${item.sk}: its group's owner does not exist`, item, groupOwnerKeys(group)));
        return found;
      }),
  },
  {
    name: 'membership-copies',
    rule: "The account fields copied onto each membership (shown in member lists, searched by member search) match the account's current ones",
    check: (table) =>
      membersOf(table).flatMap(({ item, accountId }) => {
        const account = table.get(accountKeys(accountId));
        if (!account) return [];
        const expected: Record<string, unknown> = accountSnapshot(toAccount(account));
        const stale = Object.keys(expected).filter((k) => item[k] !== expected[k]);
        return stale.length === 0 ? [] : [breach(`membership ${item.pk} of ${accountId}: ${stale.join(', ')} differ from the account`, item, account)];
      }),
  },
];
