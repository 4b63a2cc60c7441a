/**
 * Adding and removing accounts to and from a group (desk customers, desk agents, organization members), the same
 * way for all three: at most 50 ids; any unknown id refuses the whole call, naming it; an account already there is
 * a no-op; the additions, a guard on the group and one audit event go in one transaction.
 */
import { BadRequest, Conflict, ItemMissing, StillContended } from '#errors';
import type { AuditSubject } from '#store/entities/audit-event';
import type { AccountRecord } from '#store/entities/account';
import type { Group } from '#store/entities/membership';
import { deleteMembershipItem, existingMembers, putMembershipItem } from '#store/memberships';
import { labelled, transactWrite, type TransactItem } from '#store/transact';
import { auditItems } from './audit';
import type { Caller } from '#model/caller';
import { requireAccounts } from './people';

export interface MembershipChange {
  caller: Caller;
  group: Group;
  accountIds: string[];
  audit: { action: string; subjects: AuditSubject[] };
  /** A condition on the group's owner (the organization still active, say), checked in the same transaction. */
  guard?: TransactItem;
  /** Extra attributes on each new item (a desk's project key). */
  extra?: { projectKey?: string };
  /** Desk agents must be staff. */
  accept?: (account: AccountRecord) => string | undefined;
}

const MAX_ATTEMPTS = 10;
class SomeoneWasFaster extends Error {}

/** Returns the ids that were added (not those already there). */
export const addMembers = async (change: MembershipChange): Promise<string[]> => {
  const ids = [...new Set(change.accountIds)];
  const accounts = await requireAccounts(ids, { allowAnonymized: false });
  for (const account of accounts) {
    const refusal = change.accept?.(account);
    if (refusal) throw new BadRequest(`${account.accountId}: ${refusal}`, 'sd.error.account.not.accepted', [account.accountId]);
  }
  for (let attempt = 1; ; attempt += 1) {
    const present = await existingMembers(change.group, ids);
    const toAdd = accounts.filter((a) => !present.has(a.accountId));
    if (toAdd.length === 0) return [];
    const items: TransactItem[] = [
      ...toAdd.map((a) => putMembershipItem(change.group, a, change.extra)),
      ...(change.guard ? labelled('group', change.guard) : []),
      ...auditItems(change.caller, change.audit.action, change.audit.subjects, { after: { accountIds: toAdd.map((a) => a.accountId) } }),
    ];
    try {
      await transactWrite(items, { group: () => new ItemMissing('The group no longer exists'), membership: () => new SomeoneWasFaster() });
      return toAdd.map((a) => a.accountId);
    } catch (error) {
      // A concurrent caller added one of them first (or its transaction collided with ours): read again and retry.
      const retry = error instanceof SomeoneWasFaster || error instanceof StillContended;
      if (!retry) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new Conflict('Too many concurrent changes to this group; try again');
      await new Promise((r) => setTimeout(r, Math.random() * 50 * attempt));
    }
  }
};

/** Returns the ids that were removed (those that were members). */
export const removeMembers = async (change: MembershipChange): Promise<string[]> => {
  const ids = [...new Set(change.accountIds)];
  await requireAccounts(ids, { allowAnonymized: true });
  for (let attempt = 1; ; attempt += 1) {
    const present = await existingMembers(change.group, ids);
    const toRemove = ids.filter((id) => present.has(id));
    if (toRemove.length === 0) return [];
    const items: TransactItem[] = toRemove.map((id) => deleteMembershipItem(change.group, id));
    items.push(...auditItems(change.caller, change.audit.action, change.audit.subjects, { before: { accountIds: toRemove } }));
    try {
      await transactWrite(items, { membership: () => new SomeoneWasFaster() });
      return toRemove;
    } catch (error) {
      const retry = error instanceof SomeoneWasFaster || error instanceof StillContended;
      if (!retry) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new Conflict('Too many concurrent changes to this group; try again');
      await new Promise((r) => setTimeout(r, Math.random() * 50 * attempt));
    }
  }
};
