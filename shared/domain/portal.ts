/**
 * The portal's customer-facing account flows: sign up, sign in, forgotten password, reset, and what a signed-in customer
 * sees of themselves. No answer tells an outsider whether an email has an account.
 */
import { BadRequest, Unauthorized } from '#errors';
import { getAccount } from '#store/accounts';
import type { AccountRecord } from '#store/entities/account';
import type { DeskRecord } from '#store/entities/desk';
import { resetRequestKeys, signInFailureKeys, signUpRequestKeys } from '#store/entities/sign-in';
import { getDesk } from '#store/desks';
import { openDesks } from './open-desks';
import { alreadySignedUpMail, passwordResetMail } from '#mail/templates';
import { usableDesks } from './desks';
import { inviteSelf } from './invitations';
import { passwordResetLink, signInLink } from './portal-links';
import { accountOfEmail, attemptPassword, mailPasswordLink, overLimit, setPasswordWithLink, type AttemptLimit } from './password-accounts';
import { passwordSignInAllowed } from './password-sign-in';
import { issueSession, type Session } from './sessions';
import type { Caller } from '#model/caller';

const PASSWORD_SIGN_IN_OFF = "This email's organization signs in through its identity provider: use single sign-on";
const RESET_MS = 3600_000;
const INVALID_RESET = 'This reset link is not valid: it may have been used or have expired';
const SIGN_IN_LIMIT: AttemptLimit = { keys: signInFailureKeys, max: 10, windowMs: 15 * 60_000 };
const RESET_LIMIT: AttemptLimit = { keys: resetRequestKeys, max: 3, windowMs: RESET_MS };
const SIGN_UP_LIMIT: AttemptLimit = { keys: signUpRequestKeys, max: 3, windowMs: RESET_MS };
const RESET_LINK = { audience: 'portal', lifetimeMs: RESET_MS, link: passwordResetLink } as const;

/** Every attempt is counted as a failure before the password is checked, and forgiven on success. */
export const signIn = async (email: string, password: string, options: { persistent?: boolean | undefined } = {}, now = Date.now()): Promise<Session> => {
  if (!(await passwordSignInAllowed(email))) throw new Unauthorized(PASSWORD_SIGN_IN_OFF);
  const { account, matches, forgive } = await attemptPassword(SIGN_IN_LIMIT, email, password, now);
  if (!account || !matches || account.status !== 'active') throw new Unauthorized('Invalid email or password');
  await forgive();
  return issueSession(account, options);
};

const isActive = (account: AccountRecord | undefined): account is AccountRecord & { email: string } =>
  account?.status === 'active' && account.email !== null;

/**
 * Always the same answer; a reset mail goes only to an active account, at most 3 an hour per email, and never where
 * password sign-in is off for the email's domain.
 */
export const forgotPassword = async (email: string, now = Date.now()): Promise<void> => {
  if (!(await passwordSignInAllowed(email))) return;
  if (await overLimit(RESET_LIMIT, email, now)) return;
  const account = await accountOfEmail(email);
  if (isActive(account)) await mailPasswordLink(account, RESET_LINK, (link, expiresAt) => passwordResetMail({ link, expiresAt }), now);
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
  if (await overLimit(SIGN_UP_LIMIT, input.email, now)) return;
  const account = await accountOfEmail(input.email);
  if (isActive(account)) {
    await mailPasswordLink(account, RESET_LINK, (resetLink, expiresAt) => alreadySignedUpMail({ signInLink: signInLink(), resetLink, expiresAt }), now);
  } else if (!account || account.status === 'invited') {
    await inviteSelf(input.email, input.displayName, desk);
  }
};

/** Sets the new password, uses up the token and ends every session of the account. */
export const resetPassword = async (token: string, password: string, now = Date.now()): Promise<void> => {
  await setPasswordWithLink(
    token,
    password,
    { audience: 'portal', accepts: () => true, audit: 'account.password.reset', invalid: INVALID_RESET, i18nKey: 'sd.portal.error.invalid.reset' },
    now,
  );
};

export const requireSelf = async (caller: Caller): Promise<AccountRecord> => {
  const account = caller.kind === 'customer' ? (caller.account ?? (await getAccount(caller.accountId))) : undefined;
  if (!account) throw new Unauthorized('Your session has ended: sign in again');
  return account;
};

/** The desks this customer may use (effective access), as desks. */
export const myDesks = async (caller: Caller): Promise<DeskRecord[]> => usableDesks(await requireSelf(caller));
