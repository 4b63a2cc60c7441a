/**
 * Accepting a portal invitation: the token's holder sets a password and a name, the account becomes active and a
 * session opens.
 */
import { BadRequest, LostUpdate } from '#errors';
import { getAccount, putAccountItems } from '#store/accounts';
import { emailKey } from '#model/email';
import type { AccountRecord } from '#store/entities/account';
import type { InvitationRecord } from '#store/entities/invitation';
import { deleteInvitationTokenItem, getInvitation, getInvitationIdByToken, invitationsOfAccount, putInvitationItem } from '#store/invitations';
import { accountRelations, refreshAccountCopies, refreshCopyItem } from '#store/memberships';
import { labelled, transactWrite } from '#store/transact';
import { auditItems } from './audit';
import { hashPassword } from './passwords';
import { hashSecret } from './secrets';
import { issueSession, type Session } from './sessions';
import type { Caller } from '#model/caller';
import { invitationSubjects } from './invitation-policy';

const INVALID_LINK = 'This invitation link is not valid: it may have been used, revoked or have expired';

/**
 * The token's holder sets a password and a name; the account becomes active and a session opens. A used,
 * expired, revoked or made-up token all get the same 400. The token item is deleted in the same transaction
 * (conditionally), so of any number of parallel accepts exactly one succeeds.
 */
export const acceptInvitation = async (
  input: { token: string; password: string; displayName?: string | undefined; keepSignedIn?: boolean | undefined },
  now = new Date(),
): Promise<Session> => {
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
  const self: Caller = { kind: 'customer', accountId: account.accountId, email: account.email ?? '' };
  // Any refusal of these means the link was used, revoked or resent meanwhile.
  const acceptance = labelled('acceptance', [
    deleteInvitationTokenItem(tokenHash, inv.id),
    putInvitationItem(accepted, inv.version),
    ...putAccountItems(activated, account.version),
    ...auditItems(self, 'invitation.accepted', invitationSubjects(inv), { before: { status: account.status }, after: { status: 'active' } }),
  ]);
  const linkNoLongerValid = () => new BadRequest(INVALID_LINK, 'sd.invitation.error.invalid.token');
  // The account's copies on its memberships, and its other pending invitations, follow in the same transaction: a
  // crash after it leaves nothing half done (a retried accept finds the token used, and the invitee signs in).
  for (let attempt = 1; ; attempt += 1) {
    const followers = await followerItems(activated, inv.id, now);
    if (acceptance.length + followers.length > MAX_TRANSACTION_ITEMS) {
      // Only an account with scores of memberships or invitations: the followers are written after, idempotently.
      await transactWrite(acceptance, { acceptance: linkNoLongerValid });
      await refreshAccountCopies(activated);
      await settleOtherInvitations(activated, inv.id, now);
      break;
    }
    try {
      await transactWrite([...acceptance, ...followers], { acceptance: linkNoLongerValid, followers: () => new FollowersChanged() });
      break;
    } catch (error) {
      // A membership or another invitation changed between the read and the write: read them again.
      if (!(error instanceof FollowersChanged) || attempt >= 3) throw error;
    }
  }
  return issueSession(activated, { persistent: input.keepSignedIn }, now);
};

const MAX_TRANSACTION_ITEMS = 100;
class FollowersChanged extends Error {}

const acceptOther = (self: Caller, other: InvitationRecord, now: Date) => [
  deleteInvitationTokenItem(other.tokenHash, other.id),
  putInvitationItem({ ...other, status: 'accepted', updatedAt: now.toISOString(), version: other.version + 1 }, other.version),
  ...auditItems(self, 'invitation.accepted', invitationSubjects(other)),
];

/** The items that follow an acceptance: the account's copies on its memberships, its other pending invitations accepted. */
const followerItems = async (account: AccountRecord, acceptedId: string, now: Date) => {
  const self: Caller = { kind: 'customer', accountId: account.accountId, email: account.email ?? '' };
  const { groups, invitations } = await accountRelations(account.accountId);
  return labelled('followers', [
    ...groups.map(({ group }) => refreshCopyItem(group, account)),
    ...invitations.filter((i) => i.status === 'pending' && i.id !== acceptedId).flatMap((other) => acceptOther(self, other, now)),
  ]);
};

/**
 * The account's other pending invitations (to other desks) are accepted with it: their desk links were made when
 * they were sent, and their links must not set the password of an active account later.
 */
const settleOtherInvitations = async (account: AccountRecord, acceptedId: string, now: Date): Promise<void> => {
  const others = (await invitationsOfAccount(account.accountId)).filter((i) => i.status === 'pending' && i.id !== acceptedId);
  const self: Caller = { kind: 'customer', accountId: account.accountId, email: account.email ?? '' };
  for (const other of others) {
    await transactWrite(acceptOther(self, other, now)).catch((error: unknown) => {
      if (!(error instanceof LostUpdate)) throw error; // revoked or resent meanwhile: leave it to its new state
    });
  }
};
