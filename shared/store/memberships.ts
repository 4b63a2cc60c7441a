/**
 * Relationship items between a group (a desk's customers or agents, an organization's members) and accounts.
 * One item per pair: its GSI1 copy is maintained by DynamoDB with the item, so the two sides cannot disagree.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import {
  ACCOUNT_MEMBER_PREFIX,
  INVITATION_RELATION_PREFIX,
  accountRelationsPartition,
  accountSnapshot,
  groupPartition,
  membershipIndexAttributes,
  membershipKeys,
  parseGroup,
  type AccountRecord,
  type Group,
  type InvitationRecord,
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

/** After an account changes, its copies on relationship items follow (idempotent: reruns converge). */
export const refreshAccountCopies = async (account: AccountRecord): Promise<void> => {
  const snapshot = accountSnapshot(account);
  const groups = await accountGroups(account.accountId);
  await Promise.all(
    groups.map(({ group }) =>
      dynamo()
        .send(
          new UpdateCommand({
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
          }),
        )
        .catch((error: unknown) => {
          // Removed from the group meanwhile: nothing to refresh.
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        }),
    ),
  );
};
