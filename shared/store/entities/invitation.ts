/** Invitation: a portal invitation to one email, and its single-use token item (found by the token's hash). */
import * as z from 'zod/mini';
import { INVITATION_STATUSES } from '#model/vocabulary';
import { accountRelationsPartition } from './account';
import { reader, type Keys } from './item';

export const deliveryFailureSchema = z.object({
  type: z.enum(['bounce', 'complaint']),
  /** When SES saw it (ISO). */
  at: z.string(),
  /** The receiving server's diagnostic, for a bounce. */
  detail: z.optional(z.string()),
});
export type DeliveryFailure = z.infer<typeof deliveryFailureSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  accountId: z.string(),
  serviceDeskId: z.optional(z.string()),
  status: z.enum(INVITATION_STATUSES),
  tokenHash: z.string(),
  /** ISO time after which the token no longer works. */
  expiresAt: z.string(),
  invitedBy: z.string(),
  /** The account was created for this invitation (the cleanup may remove it if nothing else uses it). */
  createdAccount: z.boolean(),
  /** The desk link was made by this invitation (it does not count as "something attached"). */
  createdDeskLink: z.boolean(),
  sesMessageId: z.optional(z.string()),
  /** Times of the resends (ISO), for the 3-per-24-hours limit. */
  resends: z.array(z.string()),
  /** Days a token lives; a resend restarts the clock with the same lifetime. */
  lifetimeDays: z.number(),
  reminderSentAt: z.optional(z.string()),
  /**
   * Set while the invitation is expired and the account it created is still to be looked at by the cleanup (ISO):
   * the expiry plus the grace period, or later while another invitation of the account is pending.
   */
  removeAccountAfter: z.optional(z.string()),
  /** SES reported the invitation mail as undeliverable (a permanent bounce) or as spam (a complaint). */
  deliveryFailure: z.optional(deliveryFailureSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type InvitationRecord = z.infer<typeof invitationSchema>;
export const toInvitation = reader(invitationSchema);

export const invitationKeys = (id: string): Keys => ({ pk: `INVITATION#${id}`, sk: 'INVITATION' });
export const INVITATION_LIST_PREFIX = 'INVITATIONS#';
export const PENDING_INVITATIONS_PARTITION = 'PENDINGINVITATIONS';
export const EXPIRED_INVITATIONS_PARTITION = 'EXPIREDINVITATIONS';
/** An invitation's entry among its account's relations (relations sort key). */
export const INVITATION_RELATION_PREFIX = 'INVITATION#';
/**
 * relations: the account's invitations (beside its memberships); lists: invitations by status, newest first;
 * selections: while pending, by expiry, so the cleanup reads only what has expired; once expired, while its
 * placeholder account is still to be checked, by when to check it (the cleanup reads only what is due).
 */
export const invitationIndexAttributes = (inv: InvitationRecord) => ({
  relationPk: accountRelationsPartition(inv.accountId),
  relationSk: `${INVITATION_RELATION_PREFIX}${inv.id}`,
  listPk: `${INVITATION_LIST_PREFIX}${inv.status}`,
  listSk: `${inv.createdAt}#${inv.id}`,
  ...(inv.status === 'pending' ? { selectionPk: PENDING_INVITATIONS_PARTITION, selectionSk: `${inv.expiresAt}#${inv.id}` } : {}),
  ...(inv.status === 'expired' && inv.removeAccountAfter
    ? { selectionPk: EXPIRED_INVITATIONS_PARTITION, selectionSk: `${inv.removeAccountAfter}#${inv.id}` }
    : {}),
});
export const invitationItem = (inv: InvitationRecord) => ({ ...invitationKeys(inv.id), entity: 'invitation', ...inv, ...invitationIndexAttributes(inv) });

// ---- The token: found by hash, deleted when used; TTL removes it eventually (expiry is checked in code) ----------
export const invitationTokenSchema = z.object({ invitationId: z.string() });
export const toInvitationToken = reader(invitationTokenSchema);
export const invitationTokenKeys = (tokenHash: string): Keys => ({ pk: `INVTOKEN#${tokenHash}`, sk: 'INVTOKEN' });
/** The token item outlives the expiry by a day (its TTL), so the cleanup can still void it. */
export const invitationTokenItem = (tokenHash: string, invitationId: string, expiresAt: string) => ({
  ...invitationTokenKeys(tokenHash),
  entity: 'invitationToken',
  invitationId,
  expiresAt: Math.floor(Date.parse(expiresAt) / 1000) + 86_400,
});
