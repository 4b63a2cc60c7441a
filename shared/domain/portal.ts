/**
 * The portal's customer-facing account flows: sign in, forgotten password, reset, and what a signed-in customer
 * sees of themselves. No answer tells an outsider whether an email has an account.
 */
import { BadRequest, TooManyRequests, Unauthorized } from '#errors';
import { getAccount, getEmailClaim, putAccountItems } from '#store/accounts';
import { getDesks } from '#store/desks';
import type { AccountRecord, DeskRecord } from '#store/keys';
import { clearSignInFailures, consumeResetTokenItem, getResetToken, putResetTokenItem, recentSignInFailures, recordSignInFailure } from '#store/portal';
import { transactWrite } from '#store/transact';
import { passwordResetMail } from '#mail/templates';
import { sendMail } from '#mail/ses';
import { effectiveAccess } from './access';
import { auditItems } from './audit';
import { portalUrl } from './invitations';
import { hashPassword, passwordMatches } from './passwords';
import { hashSecret, newSecret } from './secrets';
import { issueSession, type Session } from './sessions';
import type { Caller } from './types';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;
const RESET_MS = 3600_000;
const INVALID_RESET = 'This reset link is not valid: it may have been used or have expired';

export const signIn = async (email: string, password: string, now = Date.now()): Promise<Session> => {
  if ((await recentSignInFailures(email, now - WINDOW_MS)) >= MAX_FAILURES) {
    throw new TooManyRequests('Too many failed sign-ins for this email; try again in 15 minutes', WINDOW_MS / 1000);
  }
  const claim = await getEmailClaim(email);
  const account = claim ? await getAccount(claim.accountId) : undefined;
  // The scrypt work is done whether or not the account exists.
  const matches = await passwordMatches(password, account?.passwordHash);
  if (!account || !matches || account.status !== 'active') {
    await recordSignInFailure(email, now, WINDOW_MS);
    throw new Unauthorized('Invalid email or password');
  }
  await clearSignInFailures(email);
  return issueSession(account);
};

/** Always the same answer; a reset mail goes only to an active account. */
export const forgotPassword = async (email: string, now = Date.now()): Promise<void> => {
  const claim = await getEmailClaim(email);
  const account = claim ? await getAccount(claim.accountId) : undefined;
  if (!account || account.status !== 'active' || account.email === null) return;
  const token = newSecret();
  const validUntil = now + RESET_MS;
  await transactWrite([putResetTokenItem(hashSecret(token), account.accountId, validUntil)], () => new Error('reset token collision'));
  const link = `${portalUrl()}/password/reset?token=${encodeURIComponent(token)}`;
  await sendMail({ to: account.email, ...passwordResetMail({ link, expiresAt: new Date(validUntil).toISOString() }) });
};

/** Sets the new password, uses up the token and ends every session of the account. */
export const resetPassword = async (token: string, password: string, now = Date.now()): Promise<void> => {
  const tokenHash = hashSecret(token);
  const reset = await getResetToken(tokenHash);
  const account = reset ? await getAccount(reset.accountId) : undefined;
  if (!reset || !account || reset.validUntil <= now || account.status !== 'active') throw new BadRequest(INVALID_RESET, 'sd.portal.error.invalid.reset');
  const updated: AccountRecord = {
    ...account,
    passwordHash: await hashPassword(password),
    sessionEpoch: (account.sessionEpoch ?? 0) + 1,
    updatedAt: new Date(now).toISOString(),
    version: account.version + 1,
  };
  await transactWrite(
    [
      consumeResetTokenItem(tokenHash, account.accountId),
      ...putAccountItems(updated, account.version),
      ...auditItems({ kind: 'customer', accountId: account.accountId, email: account.email ?? '' }, 'account.password.reset', [{ type: 'account', id: account.accountId }]),
    ],
    () => new BadRequest(INVALID_RESET, 'sd.portal.error.invalid.reset'),
  );
};

export const requireSelf = async (caller: Caller): Promise<AccountRecord> => {
  const account = caller.kind === 'customer' ? await getAccount(caller.accountId) : undefined;
  if (!account) throw new Unauthorized('Your session has ended: sign in again');
  return account;
};

/** The desks this customer may use (effective access), as desks. */
export const myDesks = async (caller: Caller): Promise<DeskRecord[]> => {
  const account = await requireSelf(caller);
  const { access } = await effectiveAccess(account);
  return access.length === 0 ? [] : getDesks(access.map((a) => a.serviceDeskId));
};
