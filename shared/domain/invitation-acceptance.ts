/**
 * Accepting a portal invitation: the token's holder sets a password and a name, the account becomes active and a
 * session opens.
 */
import { BadRequest, Conflict } from '#errors';
import { getAccount, putAccountItems } from '#store/accounts';
import { emailKey, type AccountRecord, type InvitationRecord } from '#store/keys';
import { deleteInvitationTokenItem, getInvitation, getInvitationIdByToken, invitationsOfAccount, putInvitationItem } from '#store/invitations';
import { refreshAccountCopies } from '#store/memberships';
import { transactWrite } from '#store/transact';
import { auditItems } from './audit';
import { invitationSubjects } from './invitations';
import { hashPassword } from './passwords';
import { hashSecret } from './secrets';
import { issueSession, type Session } from './sessions';
import type { Caller } from './types';

const INVALID_LINK = 'This invitation link is not valid: it may have been used, revoked or have expired';

/**
 * The token's holder sets a password and a name; the account becomes active and a session opens. A used,
 * expired, revoked or made-up token all get the same 400. The token item is deleted in the same transaction
 * (conditionally), so of any number of parallel accepts exactly one succeeds.
 */
export const acceptInvitation = async (input: { token: string; password: string; displayName?: string | undefined }, now = new Date()): Promise<Session> => {
  const tokenHash = hashSecret(input.token);
  const id = await getInvitationIdByToken(tokenHash);
  const inv = id ? await getInvitation(id) : undefined;
  const account = inv ? await getAccount(inv.accountId) : undefined;
  const usable =
    inv && account && inv.status === 'pending' && inv.tokenHash === tokenHash && Date.parse(inv.expiresAt) > now.getTime() &&
    account.status === 'invited' &&
    // The link must have gone to the account's current email: after staff corrected it, only a resend works.
    account.email !== null && emailKey(inv.email) === emailKey(account.email);
  if (!usable) throw new BadRequest(INVALID_LINK, 'sd.invitation.error.invalid.token');

  const activated: AccountRecord = {
    ...account,
    status: 'active',
    displayName: input.displayName ?? account.displayName,
    passwordHash: await hashPassword(input.password),
    updatedAt: now.toISOString(),
    version: account.version + 1,
  };
  const accepted: InvitationRecord = { ...inv, status: 'accepted', updatedAt: now.toISOString(), version: inv.version + 1 };
  await transactWrite(
    [
      deleteInvitationTokenItem(tokenHash, inv.id),
      putInvitationItem(accepted, inv.version),
      ...putAccountItems(activated, account.version),
      ...auditItems({ kind: 'customer', accountId: account.accountId, email: account.email ?? '' }, 'invitation.accepted', invitationSubjects(inv), {
        before: { status: account.status },
        after: { status: 'active' },
      }),
    ],
    () => new BadRequest(INVALID_LINK, 'sd.invitation.error.invalid.token'),
  );
  await refreshAccountCopies(activated);
  await settleOtherInvitations(activated, inv.id, now);
  return issueSession(activated, now);
};

/**
 * The account's other pending invitations (to other desks) are accepted with it: their desk links were made when
 * they were sent, and their links must not set the password of an active account later.
 */
const settleOtherInvitations = async (account: AccountRecord, acceptedId: string, now: Date): Promise<void> => {
  const others = (await invitationsOfAccount(account.accountId)).filter((i) => i.status === 'pending' && i.id !== acceptedId);
  const self: Caller = { kind: 'customer', accountId: account.accountId, email: account.email ?? '' };
  for (const other of others) {
    const accepted: InvitationRecord = { ...other, status: 'accepted', updatedAt: now.toISOString(), version: other.version + 1 };
    await transactWrite(
      [deleteInvitationTokenItem(other.tokenHash, other.id), putInvitationItem(accepted, other.version), ...auditItems(self, 'invitation.accepted', invitationSubjects(other))],
      () => new Conflict('changed meanwhile'),
    ).catch((error: unknown) => {
      if (!(error instanceof Conflict)) throw error; // revoked or resent meanwhile: leave it to its new state
    });
  }
};
