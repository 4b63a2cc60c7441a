/**
 * Placeholder accounts: the `invited` accounts invitations create. Once the invitation that created one has expired
 * and the grace period has passed, the cleanup removes the account, unless something is attached to it.
 */
import { getAccount } from '#store/accounts';
import { accountFootprint, deletePlaceholderAccountItems, type AccountFootprint } from '#store/cleanup';
import { putInvitationItem } from '#store/invitations';
import type { AccountRecord } from '#store/entities/account';
import type { InvitationRecord } from '#store/entities/invitation';
import { LostUpdate } from '#errors';
import { transactWrite, type TransactItem } from '#store/transact';
import { auditItems } from './audit';
import type { Caller } from '#model/caller';

/** Who the audit trail names for the cleanup's changes. */
export const CLEANUP_CALLER: Caller = { kind: 'system', name: 'cleanup' };

export type KeepReason =
  /** The invitation expired, but the grace period has not passed yet: looked at again when it has. */
  | 'grace-period'
  /** Another invitation of the account is still pending: looked at again after that one expires. */
  | 'other-pending-invitation'
  | 'organization-member'
  /** A customer of a desk that no invitation of the account linked it to (an agent added it). */
  | 'desk-customer'
  | 'desk-agent'
  /** Reported a request (by email, or staff raised one on their behalf) or participates in one. */
  | 'has-requests'
  /** Accepted another invitation, signed up, was suspended or anonymized: no longer a placeholder. */
  | 'not-invited'
  | 'account-gone'
  /** The account or the invitation changed between the read and the write: looked at again next run. */
  | 'changed-meanwhile';

export type Verdict =
  | { remove: true; invitedToDesks: string[] }
  | { remove: false; reason: KeepReason; recheckAfter?: string | undefined };

const DAY_MS = 86_400_000;
export const addDays = (at: string | Date, days: number): string => new Date(new Date(at).getTime() + days * DAY_MS).toISOString();

/**
 * Whether the placeholder account of an expired invitation can go: the one place that decides "nothing attached".
 * Attached are: an organization membership, a desk role or desk-customer link no invitation of the account made,
 * and another invitation that is still pending. The desk links the account's own invitations made do not count: they
 * only existed for those invitations and are deleted with the account.
 *
 * An account that reported a request or participates in one is kept, beside those with memberships.
 */
export const placeholderVerdict = (
  inv: InvitationRecord,
  account: AccountRecord | undefined,
  footprint: AccountFootprint,
  graceDays: number,
): Verdict => {
  if (!account) return { remove: false, reason: 'account-gone' };
  if (account.status !== 'invited') return { remove: false, reason: 'not-invited' };
  const others = footprint.invitations.filter((i) => i.id !== inv.id);
  const lastPendingExpiry = others.filter((i) => i.status === 'pending').map((i) => i.expiresAt).sort().at(-1);
  if (lastPendingExpiry) return { remove: false, reason: 'other-pending-invitation', recheckAfter: addDays(lastPendingExpiry, graceDays) };

  if (footprint.hasRequests) return { remove: false, reason: 'has-requests' };
  const linkedByInvitations = new Set([inv, ...others].flatMap((i) => (i.createdDeskLink && i.serviceDeskId ? [i.serviceDeskId] : [])));
  for (const group of footprint.groups) {
    if (group.kind === 'organizationMembers') return { remove: false, reason: 'organization-member' };
    if (group.kind === 'deskAgents') return { remove: false, reason: 'desk-agent' };
    if (!linkedByInvitations.has(group.deskId)) return { remove: false, reason: 'desk-customer' };
  }
  return { remove: true, invitedToDesks: footprint.groups.flatMap((g) => (g.kind === 'deskCustomers' ? [g.deskId] : [])) };
};

/**
 * Looks at the placeholder account of an expired invitation that is due (`removeAccountAfter` passed) and acts on the
 * verdict in one transaction guarded by the versions read: removes the account (with its audit event) and takes the
 * invitation off the to-check index; or, when something is attached, only takes it off the index; or, while another
 * invitation is pending, moves its check to after that one's expiry. A dry run reads and judges, and writes nothing.
 */
export const settlePlaceholder = async (inv: InvitationRecord, options: { graceDays: number; dryRun: boolean; at: string }): Promise<Verdict> => {
  const account = await getAccount(inv.accountId);
  const footprint = account ? await accountFootprint(inv.accountId) : { groups: [], invitations: [], hasRequests: false };
  const verdict = placeholderVerdict(inv, account, footprint, options.graceDays);
  if (options.dryRun) return verdict;

  const { removeAccountAfter: _checked, ...settled } = inv;
  const recheckAfter = verdict.remove ? undefined : verdict.recheckAfter;
  const next: InvitationRecord = { ...settled, ...(recheckAfter ? { removeAccountAfter: recheckAfter } : {}), updatedAt: options.at, version: inv.version + 1 };
  const items: TransactItem[] = [putInvitationItem(next, inv.version)];
  if (verdict.remove && account) {
    const subjects = [
      { type: 'account' as const, id: account.accountId },
      ...verdict.invitedToDesks.map((id) => ({ type: 'servicedesk' as const, id })),
    ];
    items.push(
      ...deletePlaceholderAccountItems(account, verdict.invitedToDesks),
      ...auditItems(CLEANUP_CALLER, 'account.removed.unaccepted', subjects, {
        before: { status: 'invited', invitationId: inv.id },
        after: { status: 'removed' },
      }, options.at),
    );
  }
  try {
    await transactWrite(items); // any refusal: the invitation or the account changed since they were read
  } catch (error) {
    if (error instanceof LostUpdate) return { remove: false, reason: 'changed-meanwhile' };
    throw error;
  }
  return verdict;
};
