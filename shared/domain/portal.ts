/**
 * The portal's customer-facing account flows: sign up, sign in, forgotten password, reset, and what a signed-in customer
 * sees of themselves. No answer tells an outsider whether an email has an account.
 */
import { BadRequest, TooManyRequests, Unauthorized } from '#errors';
import { getAccount, getEmailClaim, putAccountItems } from '#store/accounts';
import type { AccountRecord } from '#store/entities/account';
import type { DeskRecord } from '#store/entities/desk';
import { consumeResetTokenItem, forgiveAttempt, getResetToken, putResetTokenItem, recordAttempt } from '#store/portal';
import { resetRequestKeys, signInFailureKeys, signUpRequestKeys } from '#store/entities/sign-in';
import { getDesk } from '#store/desks';
import { openDesks } from './open-desks';
import { logger } from '#logger';
import { transactWrite } from '#store/transact';
import { alreadySignedUpMail, passwordResetMail } from '#mail/templates';
import { sendMail } from '#mail/ses';
import { usableDesks } from './desks';
import { auditItems } from './audit';
import { inviteSelf } from './invitations';
import { passwordResetLink, signInLink } from './portal-links';
import { hashPassword, passwordMatches } from './passwords';
import { passwordSignInAllowed } from './password-sign-in';
import { forgetAccount } from './warm-memory';
import { hashSecret, newSecret } from './secrets';
import { issueSession, type Session } from './sessions';
import type { Caller } from '#model/caller';

const PASSWORD_SIGN_IN_OFF = "This email's organization signs in through its identity provider: use single sign-on";
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;
const RESET_MS = 3600_000;
const RESET_REQUESTS_PER_HOUR = 3;
const INVALID_RESET = 'This reset link is not valid: it may have been used or have expired';

/**
 * Every attempt is counted as a failure before the password is checked (and forgiven on success), so parallel
 * attempts cannot slip past the limit while the slow check runs.
 */
export const signIn = async (email: string, password: string, options: { persistent?: boolean | undefined } = {}, now = Date.now()): Promise<Session> => {
  if (!(await passwordSignInAllowed(email))) throw new Unauthorized(PASSWORD_SIGN_IN_OFF);
  const attempts = await recordAttempt(signInFailureKeys(email), now, WINDOW_MS);
  if (attempts > MAX_FAILURES) throw new TooManyRequests('Too many failed sign-ins for this email; try again in 15 minutes', WINDOW_MS / 1000);
  const claim = await getEmailClaim(email);
  const account = claim ? await getAccount(claim.accountId) : undefined;
  // The scrypt work is done whether or not the account exists.
  const matches = await passwordMatches(password, account?.passwordHash);
  if (!account || !matches || account.status !== 'active') throw new Unauthorized('Invalid email or password');
  await forgiveAttempt(signInFailureKeys(email), now);
  return issueSession(account, options);
};

const accountOfEmail = async (email: string): Promise<AccountRecord | undefined> => {
  const claim = await getEmailClaim(email);
  return claim ? getAccount(claim.accountId) : undefined;
};

/**
 * Stores a single-use reset token (1 h) and mails its link in the given words. A failed send is logged, not shown:
 * it would tell that the account exists.
 */
const mailResetLink = async (
  account: AccountRecord & { email: string },
  now: number,
  words: (link: string, expiresAt: string) => { subject: string; text: string; html: string },
): Promise<void> => {
  const token = newSecret();
  const validUntil = now + RESET_MS;
  await transactWrite([putResetTokenItem(hashSecret(token), account.accountId, validUntil, account.sessionEpoch ?? 0)], { resetToken: () => new Error('reset token collision') });
  await sendMail({ to: account.email, ...words(passwordResetLink(token), new Date(validUntil).toISOString()) }).catch((error: unknown) =>
    logger.error('portal mail not sent', { accountId: account.accountId, error: error as Error }),
  );
};

const isActive = (account: AccountRecord | undefined): account is AccountRecord & { email: string } =>
  account?.status === 'active' && account.email !== null;

/**
 * Always the same answer; a reset mail goes only to an active account, at most 3 an hour per email, and never where
 * password sign-in is off for the email's domain.
 */
export const forgotPassword = async (email: string, now = Date.now()): Promise<void> => {
  if (!(await passwordSignInAllowed(email))) return;
  if ((await recordAttempt(resetRequestKeys(email), now, RESET_MS)) > RESET_REQUESTS_PER_HOUR) return;
  const account = await accountOfEmail(email);
  if (isActive(account)) await mailResetLink(account, now, (link, expiresAt) => passwordResetMail({ link, expiresAt }));
};

const SIGN_UP_CLOSED = 'Sign-up is not open for this help center: ask the help desk team for an invitation';

/**
 * Self sign-up for the help center of an open desk (any open desk when none is named). The answer is the same
 * whether or not the email has an account, and so is what happens in the open: one mail. A new email gets the link
 * that activates its account; a pending one gets its link again; an active account gets a sign-in and reset link;
 * a suspended one gets nothing. At most 3 an hour per email, like the reset mail.
 */
export const signUp = async (input: { email: string; displayName?: string | undefined; serviceDeskId?: string | undefined }, now = Date.now()): Promise<void> => {
  const desk = input.serviceDeskId ? await getDesk(input.serviceDeskId) : undefined;
  const open = input.serviceDeskId ? desk?.access === 'open' : (await openDesks()).length > 0;
  if (!open) throw new BadRequest(SIGN_UP_CLOSED, 'sd.portal.error.signup.closed');
  if ((await recordAttempt(signUpRequestKeys(input.email), now, RESET_MS)) > RESET_REQUESTS_PER_HOUR) return;
  const account = await accountOfEmail(input.email);
  if (isActive(account)) {
    await mailResetLink(account, now, (resetLink, expiresAt) => alreadySignedUpMail({ signInLink: signInLink(), resetLink, expiresAt }));
  } else if (!account || account.status === 'invited') {
    await inviteSelf(input.email, input.displayName, desk);
  }
};

/** Sets the new password, uses up the token and ends every session of the account. */
export const resetPassword = async (token: string, password: string, now = Date.now()): Promise<void> => {
  const tokenHash = hashSecret(token);
  const reset = await getResetToken(tokenHash);
  const account = reset ? await getAccount(reset.accountId) : undefined;
  // A reset (or a suspension) moves the epoch on: every reset link issued before it stops working.
  const current = reset && account && reset.validUntil > now && account.status === 'active' && reset.epoch === (account.sessionEpoch ?? 0);
  if (!current) throw new BadRequest(INVALID_RESET, 'sd.portal.error.invalid.reset');
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
    // The link used meanwhile (by another tab, say); an account changed meanwhile is a lost update, and the link still works.
    { resetToken: () => new BadRequest(INVALID_RESET, 'sd.portal.error.invalid.reset') },
  );
  forgetAccount(account.accountId);
};

export const requireSelf = async (caller: Caller): Promise<AccountRecord> => {
  const account = caller.kind === 'customer' ? (caller.account ?? (await getAccount(caller.accountId))) : undefined;
  if (!account) throw new Unauthorized('Your session has ended: sign in again');
  return account;
};

/** The desks this customer may use (effective access), as desks. */
export const myDesks = async (caller: Caller): Promise<DeskRecord[]> => usableDesks(await requireSelf(caller));
