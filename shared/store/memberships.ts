/**
 * Relationship items between a group (a desk's customers or agents, an organization's members) and accounts.
 * One item per pair: its GSI1 copy is maintained by DynamoDB with the item, so the two sides cannot disagree.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { toAccount } from './accounts';
import { dynamo, tableName } from './client';
import { breach, type Breach, type Invariant, type TableSnapshot } from './invariant';
import {
  ACCOUNT_MEMBER_PREFIX,
  INVITATION_RELATION_PREFIX,
  accountKeys,
  deskKeys,
  organizationKeys,
  accountRelationsPartition,
  accountSnapshot,
  groupPartition,
  membershipIndexAttributes,
  membershipKeys,
  parseGroup,
  type AccountRecord,
  type Group,
  type InvitationRecord,
  type Keys,
} from './keys';
import { toInvitation } from './invitations';
import { partitionQuery, queryAll, queryPage, type Item, type ItemPage } from './query';
import type { TransactItem } from './transact';

export type AccountSnapshot = ReturnType<typeof accountSnapshot>;

/** Adds the pair; the condition makes a concurrent second add of the same pair fail instead of doubling it. */
export const putMembershipItem = (group: Group, account: AccountRecord, extra: Record<string, string> = {}): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...membershipKeys(group, account.accountId),
      entity: 'membership',
      ...membershipIndexAttributes(group, account.accountId),
      ...accountSnapshot(account),
      ...extra,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const deleteMembershipItem = (group: Group, accountId: string): TransactItem => ({
  Delete: { TableName: tableName(), Key: membershipKeys(group, accountId), ConditionExpression: 'attribute_exists(pk)' },
});

/** Which of these accounts are already in the group. */
export const existingMembers = async (group: Group, accountIds: string[]): Promise<Set<string>> => {
  const items = await batchGet(accountIds.map((id) => membershipKeys(group, id)));
  return new Set(items.map((item) => item.accountId as string));
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
): Promise<ItemPage & { members: AccountSnapshot[] }> => {
  const result = await queryPage({
    partitionValue: groupPartition(group),
    sortPrefix: ACCOUNT_MEMBER_PREFIX,
    ...(filter.term
      ? { filter: { expression: 'begins_with(emailTerm, :term) OR begins_with(nameTerm, :term)', values: { ':term': filter.term } } }
      : {}),
    ...page,
  });
  return { ...result, members: result.items as unknown as AccountSnapshot[] };
};

export interface AccountGroup {
  group: Group;
  /** The desk's project key, on desk relationships. */
  projectKey?: string;
}

const groupsOf = (items: Item[]): AccountGroup[] =>
  items.flatMap((item) => {
    const group = parseGroup(item.gsi1sk as string);
    return group ? [{ group, ...(typeof item.projectKey === 'string' ? { projectKey: item.projectKey } : {}) }] : [];
  });

/** Every group an account belongs to: one Query on the inverted index (more pages only past 1 MB). */
export const accountGroups = async (accountId: string): Promise<AccountGroup[]> =>
  groupsOf(await queryAll(partitionQuery(accountRelationsPartition(accountId), { index: 'inverted', projection: 'gsi1sk, projectKey' })));

/** Everything filed under an account on the inverted index, its groups and its invitations: one Query. */
export const accountRelations = async (accountId: string): Promise<{ groups: AccountGroup[]; invitations: InvitationRecord[] }> => {
  const items = await queryAll(partitionQuery(accountRelationsPartition(accountId), { index: 'inverted' }));
  return { groups: groupsOf(items), invitations: items.filter((i) => String(i.gsi1sk).startsWith(INVITATION_RELATION_PREFIX)).map(toInvitation) };
};

/** Brings the account's copy on one relationship item up to date; only while the item exists. */
export const refreshCopyItem = (group: Group, account: AccountRecord): TransactItem => {
  const snapshot = accountSnapshot(account);
  return {
    Update: {
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
    },
  };
};

/** After an account changes, its copies on relationship items follow (idempotent: reruns converge). */
export const refreshAccountCopies = async (account: AccountRecord): Promise<void> => {
  const groups = await accountGroups(account.accountId);
  await Promise.all(
    groups.map(({ group }) =>
      dynamo()
        .send(new UpdateCommand(refreshCopyItem(group, account).Update!))
        .catch((error: unknown) => {
          // Removed from the group meanwhile: nothing to refresh.
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        }),
    ),
  );
};

// ---- Invariants (read by the table checker) -----------------------------------------------------
/**
 * The inverse side of a membership is not a second item: GSI1 is DynamoDB's copy of the same item, so it cannot go
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
        if (item.gsi1pk !== inverse.gsi1pk || item.gsi1sk !== inverse.gsi1sk || item.accountId !== accountId) {
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
