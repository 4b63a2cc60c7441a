/**
 * Portal invitations: one per email, optionally for a desk. A new email gets a portal-only account in status
 * `invited`; accepting (invitation-acceptance.ts) sets the password and activates it. Tokens are 256-bit random,
 * stored only as hashes, single-use, and expire.
 */
import { ClaimHeld, Conflict, Forbidden, LostUpdate, NotFound, TooManyRequests } from '#errors';
import { emailSchema } from '#model/email';
import { getAccount, getEmailClaim } from '#store/accounts';
import { getDesk } from '#store/desks';
import { emailKey } from '#model/email';
import type { AccountRecord } from '#store/entities/account';
import type { DeskRecord } from '#store/entities/desk';
import type { InvitationRecord } from '#store/entities/invitation';
import {
  deleteInvitationTokenItem,
  getInvitation,
  invitationsOfAccount,
  putInvitationItem,
  putInvitationTokenItem,
  setInvitationMessageId,
} from '#store/invitations';
import { existingMembers, putMembershipItem } from '#store/memberships';
import { transactWrite, type TransactItem } from '#store/transact';
import { invitationMail, signUpMail } from '#mail/templates';
import { sendMail } from '#mail/ses';
import { logger } from '#logger';
import { requireDeskAgent } from './access';
import { auditItems } from './audit';
import { deskForAgent } from './desks';
import { EmailInUse, insertAccountJoiningDomain, newAccount } from './directory';
import { hashSecret, newSecret, newEventId } from './secrets';
import { invitationAcceptLink } from './portal-links';
import { isAdmin, type Caller } from '#model/caller';
import { invitationSubjects, recentResends, resendLimitReached } from './invitation-policy';

export type InviteOutcome = 'invited' | 'resent' | 'already-active' | 'suspended' | 'invalid';
export interface InviteResult {
  email: string;
  outcome: InviteOutcome;
  accountId?: string;
  invitationId?: string;
  /** Whether a mail went out: false when SES refused it, or on `resent` past 3 resends in 24 hours. */
  mailed?: boolean;
}

export const DEFAULT_LIFETIME_DAYS = 7;

const DAY_MS = 86_400_000;
const later = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();


interface Context {
  caller: Caller;
  /** A self sign-up (portal) rather than an invitation by staff: the mail says so. */
  signUp?: boolean;
  /** The name the person gave, for a new account (invitations use the email's local part). */
  displayName?: string | undefined;
  /** The email as the caller wrote it, echoed in the result. */
  inputEmail: string;
  desk?: DeskRecord | undefined;
  inviterName: string;
  lifetimeDays: number;
  now: Date;
}

const newInvitation = (ctx: Context, account: AccountRecord, tokenHash: string, created: { account: boolean; deskLink: boolean }): InvitationRecord => ({
  id: newEventId(),
  email: account.email ?? '',
  accountId: account.accountId,
  ...(ctx.desk ? { serviceDeskId: ctx.desk.id } : {}),
  status: 'pending',
  tokenHash,
  expiresAt: later(ctx.now, ctx.lifetimeDays),
  invitedBy: ctx.caller.kind === 'staff' ? ctx.caller.accountId : 'system',
  createdAccount: created.account,
  createdDeskLink: created.deskLink,
  resends: [],
  lifetimeDays: ctx.lifetimeDays,
  createdAt: ctx.now.toISOString(),
  updatedAt: ctx.now.toISOString(),
  version: 1,
});

/** Sends the mail after the invitation is stored. */
const mailInvitation = async (ctx: Pick<Context, 'inviterName' | 'signUp'>, inv: InvitationRecord, token: string, deskName?: string): Promise<string> => {
  const link = invitationAcceptLink(token);
  const mail = ctx.signUp
    ? signUpMail({ deskName, expiresAt: inv.expiresAt, link })
    : invitationMail({ deskName, inviterName: ctx.inviterName, expiresAt: inv.expiresAt, link });
  const messageId = await sendMail({ to: inv.email, ...mail });
  await setInvitationMessageId(inv.id, inv.tokenHash, messageId);
  return messageId;
};

/**
 * In a bulk invite one failed send must not lose the others' results: the invitation stays pending (and can be
 * resent), the result says `mailed: false`, the log says why.
 */
const mailedSafely = async (ctx: Context, inv: InvitationRecord, token: string): Promise<boolean> => {
  try {
    await mailInvitation(ctx, inv, token, ctx.desk?.projectName);
    return true;
  } catch (error) {
    logger.error('invitation mail not sent', { invitationId: inv.id, error: error as Error });
    return false;
  }
};

const deskLinkItems = async (ctx: Context, account: AccountRecord, isNew: boolean): Promise<TransactItem[]> => {
  if (!ctx.desk) return [];
  const group = { kind: 'deskCustomers' as const, deskId: ctx.desk.id };
  if (!isNew && (await existingMembers(group, [account.accountId])).has(account.accountId)) return [];
  return [putMembershipItem(group, account, { projectKey: ctx.desk.projectKey })];
};

const inviteNewAccount = async (ctx: Context, email: string): Promise<InviteResult> => {
  const displayName = ctx.displayName ?? email.split('@')[0] ?? email;
  const account = newAccount({ email, displayName, accountType: 'portal', status: 'invited', now: ctx.now.toISOString() });
  const token = newSecret();
  const inv = newInvitation(ctx, account, hashSecret(token), { account: true, deskLink: ctx.desk !== undefined });
  // Like any new customer, an invited one joins the organization that owns their email domain.
  await insertAccountJoiningDomain(ctx.caller, account, [
    putInvitationItem(inv, undefined),
    putInvitationTokenItem(inv.tokenHash, inv.id, inv.expiresAt),
    ...(await deskLinkItems(ctx, account, true)),
    ...auditItems(ctx.caller, 'invitation.created', invitationSubjects(inv), { after: { invitationId: inv.id } }),
  ]);
  return { email: ctx.inputEmail, outcome: 'invited', accountId: account.accountId, invitationId: inv.id, mailed: await mailedSafely(ctx, inv, token) };
};

const inviteExistingAccount = async (ctx: Context, account: AccountRecord): Promise<InviteResult> => {
  const base = { email: ctx.inputEmail, accountId: account.accountId };
  if (account.status === 'suspended') return { ...base, outcome: 'suspended' };
  if (account.status !== 'invited') {
    // As JSM's "invite customers" to a project: someone who already has an account is simply added to the desk.
    const deskItems = await deskLinkItems(ctx, account, false);
    if (deskItems.length > 0) {
      await transactWrite([...deskItems, ...auditItems(ctx.caller, 'servicedesk.customers.added', [{ type: 'servicedesk', id: ctx.desk!.id }], { after: { accountIds: [account.accountId] } })], {
        membership: () => new ClaimHeld('Added to the desk meanwhile'),
      }).catch((error: unknown) => {
        if (!(error instanceof ClaimHeld)) throw error; // added meanwhile by someone else: same outcome
      });
    }
    return { ...base, outcome: 'already-active' };
  }
  const pending = (await invitationsOfAccount(account.accountId)).find(
    (i) => i.status === 'pending' && (i.serviceDeskId ?? '') === (ctx.desk?.id ?? ''),
  );
  if (pending) {
    // A re-invite is a resend, and shares its limit: nobody's inbox is flooded through the bulk call either.
    if (resendLimitReached(pending, ctx.now)) return { ...base, outcome: 'resent', invitationId: pending.id, mailed: false };
    try {
      await rotateAndSend(ctx, pending, 'invitation.resent', ctx.now);
      return { ...base, outcome: 'resent', invitationId: pending.id, mailed: true };
    } catch (error) {
      if (error instanceof Conflict) throw error;
      logger.error('invitation mail not sent', { invitationId: pending.id, error: error as Error });
      return { ...base, outcome: 'resent', invitationId: pending.id, mailed: false };
    }
  }
  const token = newSecret();
  const inv = newInvitation(ctx, account, hashSecret(token), { account: false, deskLink: false });
  const deskItems = await deskLinkItems(ctx, account, false);
  inv.createdDeskLink = deskItems.length > 0;
  await transactWrite(
    [
      putInvitationItem(inv, undefined),
      putInvitationTokenItem(inv.tokenHash, inv.id, inv.expiresAt),
      ...deskItems,
      ...auditItems(ctx.caller, 'invitation.created', invitationSubjects(inv), { after: { invitationId: inv.id } }),
    ],
    {},
    () => new LostUpdate('The account changed meanwhile; try again'),
  );
  return { ...base, outcome: 'invited', invitationId: inv.id, mailed: await mailedSafely(ctx, inv, token) };
};

const inviteOne = async (shared: Omit<Context, 'inputEmail'>, raw: string): Promise<InviteResult> => {
  const ctx: Context = { ...shared, inputEmail: raw };
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) return { email: raw, outcome: 'invalid' };
  const email = parsed.data;
  for (let attempt = 1; ; attempt += 1) {
    const claim = await getEmailClaim(email);
    const account = claim ? await getAccount(claim.accountId) : undefined;
    try {
      return account ? await inviteExistingAccount(ctx, account) : await inviteNewAccount(ctx, email);
    } catch (error) {
      // Someone created this email's account meanwhile: look again.
      if (!(error instanceof EmailInUse) || attempt >= 3) throw error;
    }
  }
};

const callerName = async (caller: Caller): Promise<string> =>
  caller.kind === 'staff' ? ((await getAccount(caller.accountId))?.displayName ?? 'The help desk team') : 'The help desk team';

/** Admins invite anywhere (with or without a desk); agents only to their own desks. */
export const inviteCustomers = async (
  caller: Caller,
  input: { emails: string[]; serviceDeskId?: string | undefined; expiresInDays: number },
): Promise<InviteResult[]> => {
  if (!input.serviceDeskId && !isAdmin(caller)) throw new Forbidden('Agents invite customers to one of their service desks: give serviceDeskId');
  const desk = input.serviceDeskId ? await deskForAgent(caller, input.serviceDeskId) : undefined;
  const ctx = { caller, desk, inviterName: await callerName(caller), lifetimeDays: input.expiresInDays, now: new Date() };
  // The same address twice in one call (in any case or spacing) is invited once; each gets the first's result.
  const results: InviteResult[] = [];
  const seen = new Map<string, InviteResult>();
  for (const email of input.emails) {
    const key = emailKey(email);
    const earlier = seen.get(key);
    const result = earlier ? { ...earlier, email } : await inviteOne(ctx, email);
    seen.set(key, result);
    results.push(result);
  }
  return results;
};

/**
 * A self sign-up on an open desk is an invitation the person sends themselves: a new email gets an `invited`
 * account that only the mailed link activates; a pending one gets its link again (within the resend limit).
 * Accounts that are active or suspended are the caller's to handle (portal.ts): nothing happens here.
 */
export const inviteSelf = async (email: string, displayName: string | undefined, desk: DeskRecord | undefined): Promise<InviteOutcome> => {
  const ctx = { caller: SIGN_UP, signUp: true, displayName, desk, inviterName: '', lifetimeDays: DEFAULT_LIFETIME_DAYS, now: new Date() };
  return (await inviteOne(ctx, email)).outcome;
};
const SIGN_UP: Caller = { kind: 'system', name: 'signup' };

// ---- Managing invitations -----------------------------------------------------------------------
const requireManageable = async (caller: Caller, id: string): Promise<InvitationRecord> => {
  const inv = await getInvitation(id);
  if (!inv) throw new NotFound('No invitation with this id', 'sd.invitation.error.not.found');
  if (isAdmin(caller)) return inv;
  if (!inv.serviceDeskId) throw new NotFound('No invitation with this id', 'sd.invitation.error.not.found');
  await requireDeskAgent(caller, inv.serviceDeskId);
  return inv;
};

/** New token (the old one stops working), expiry restarted, mail sent again. */
const rotateAndSend = async (ctx: Pick<Context, 'caller' | 'inviterName' | 'signUp'>, inv: InvitationRecord, action: string, now = new Date()): Promise<InvitationRecord> => {
  const token = newSecret();
  const { reminderSentAt: _reminded, ...rest } = inv; // a new lifetime may get its own reminder
  // The mail goes to the account's email as it is now (staff may have corrected it since the first one).
  const current = (await getAccount(inv.accountId))?.email;
  if (!current) throw new Conflict('The invited account no longer exists', 'sd.invitation.error.account.gone');
  const updated: InvitationRecord = {
    ...rest,
    email: current,
    tokenHash: hashSecret(token),
    expiresAt: later(now, inv.lifetimeDays ?? DEFAULT_LIFETIME_DAYS),
    resends: recentResends([...(inv.resends ?? []), now.toISOString()], now),
    updatedAt: now.toISOString(),
    version: inv.version + 1,
  };
  await transactWrite(
    [
      deleteInvitationTokenItem(inv.tokenHash, inv.id),
      putInvitationTokenItem(updated.tokenHash, inv.id, updated.expiresAt),
      putInvitationItem(updated, inv.version),
      ...auditItems(ctx.caller, action, invitationSubjects(inv)),
    ],
    {},
    invitationChanged,
  );
  const desk = inv.serviceDeskId ? await getDesk(inv.serviceDeskId) : undefined;
  return { ...updated, sesMessageId: await mailInvitation(ctx, updated, token, desk?.projectName) };
};

/** Resent, revoked or accepted between the read and the write: every refusal of its writes means that. */
const invitationChanged = () => new LostUpdate('The invitation changed meanwhile; try again');

export const resendInvitation = async (caller: Caller, id: string, now = new Date()): Promise<InvitationRecord> => {
  const inv = await requireManageable(caller, id);
  if (inv.status !== 'pending') throw new Conflict(`The invitation is ${inv.status}; only pending invitations can be resent`, 'sd.invitation.error.not.pending');
  if (resendLimitReached(inv, now)) throw new TooManyRequests('This invitation was resent 3 times in the last 24 hours; try again later', 3600);
  return rotateAndSend({ caller, inviterName: await callerName(caller) }, inv, 'invitation.resent', now);
};

export const revokeInvitation = async (caller: Caller, id: string): Promise<void> => {
  const inv = await requireManageable(caller, id);
  if (inv.status === 'revoked') return;
  if (inv.status !== 'pending') throw new Conflict(`The invitation is ${inv.status}; only pending invitations can be revoked`, 'sd.invitation.error.not.pending');
  const revoked: InvitationRecord = { ...inv, status: 'revoked', updatedAt: new Date().toISOString(), version: inv.version + 1 };
  await transactWrite(
    [deleteInvitationTokenItem(inv.tokenHash, inv.id), putInvitationItem(revoked, inv.version), ...auditItems(caller, 'invitation.revoked', invitationSubjects(inv))],
    {},
    invitationChanged,
  );
};
