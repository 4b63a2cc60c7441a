/**
 * Staff in the console: sign-in with email and password, the links that set a password (a new staff member's, 7
 * days; a forgotten one's, 1 hour), changing one's password, and signing out. It shares the portal's machinery
 * (password-accounts.ts, sessions.ts) with its own audience, limits and session kind: console sessions are shorter,
 * a console link does nothing in the portal and the other way round. Every sign-in and password event of a staff
 * member is audited on their account; no answer tells whether an email belongs to anyone.
 */
import { BadRequest, TooManyRequests, Unauthorized } from '#errors';
import { logger } from '#logger';
import { staffPasswordResetMail, staffWelcomeMail } from '#mail/templates';
import type { Caller } from '#model/caller';
import type { AccountRecord } from '#store/entities/account';
import { consoleResetRequestKeys, consoleSignInFailureKeys } from '#store/entities/sign-in';
import { transactWrite, type TransactItem } from '#store/transact';
import { auditItems } from './audit';
import { requireAccount } from './directory';
import {
  accountOfEmail,
  attemptPassword,
  mailLink,
  mailPasswordLink,
  overLimit,
  passwordLinkItem,
  savePassword,
  setPasswordWithLink,
  type AttemptLimit,
} from './password-accounts';
import { consoleResetPasswordLink, consoleSetPasswordLink } from './portal-links';
import { CONSOLE_SESSIONS, endSession, issueSession, type Session } from './sessions';

const RESET_MS = 3600_000;
export const NEW_STAFF_LINK_MS = 7 * 24 * 3600_000;
/** 5 failures per email in 15 minutes, counted the same for an email nobody has. */
export const CONSOLE_SIGN_IN_LIMIT: AttemptLimit = { keys: consoleSignInFailureKeys, max: 5, windowMs: 15 * 60_000 };
const RESET_LIMIT: AttemptLimit = { keys: consoleResetRequestKeys, max: 3, windowMs: RESET_MS };
const WRONG = 'Invalid email or password';

type StaffAccount = AccountRecord & { email: string; staffRole: NonNullable<AccountRecord['staffRole']> };
const isActiveStaff = (account: AccountRecord | undefined): account is StaffAccount =>
  account?.status === 'active' && account.email !== null && account.staffRole !== undefined;

const staffCaller = (account: StaffAccount): Caller => ({ kind: 'staff', accountId: account.accountId, role: account.staffRole, email: account.email });
const ANONYMOUS: Caller = { kind: 'anonymous' };

/** One audit event on a staff member's account, written on its own. */
const audit = (actor: Caller, action: string, accountId: string, after?: Record<string, unknown>): Promise<void> =>
  transactWrite(auditItems(actor, action, [{ type: 'account', id: accountId }], after ? { after } : {}));

export interface ConsoleSignIn {
  session: Session;
  account: StaffAccount;
}

const open = async (account: StaffAccount, persistent: boolean | undefined, action: string, now: number): Promise<ConsoleSignIn> => {
  const session = await issueSession(account, { persistent, kind: CONSOLE_SESSIONS }, new Date(now));
  await audit(staffCaller(account), action, account.accountId, { persistent: session.persistent });
  return { session, account };
};

/**
 * A staff member's sign-in. A wrong password, an unknown email, a customer's account and a suspended staff member
 * all get the same 401 after the same work; past the limit, the same 429 for every email.
 */
export const signInToConsole = async (email: string, password: string, options: { persistent?: boolean | undefined } = {}, now = Date.now()): Promise<ConsoleSignIn> => {
  let attempt;
  try {
    attempt = await attemptPassword(CONSOLE_SIGN_IN_LIMIT, email, password, now);
  } catch (error) {
    if (error instanceof TooManyRequests) logger.warn('console sign-in throttled', { emailDomain: email.split('@').pop() ?? '' });
    throw error;
  }
  const { account, matches, forgive } = attempt;
  if (!isActiveStaff(account) || !matches) {
    if (isActiveStaff(account)) await audit(ANONYMOUS, 'staff.sign-in.failed', account.accountId);
    throw new Unauthorized(WRONG);
  }
  await forgive();
  return open(account, options.persistent, 'staff.signed-in', now);
};

/**
 * The new staff member's link, as items of the transaction that creates them (so there is no staff member without
 * one), and the mail to send once it is written.
 */
export const newStaffLink = (account: AccountRecord & { email: string; staffRole: string }, now = Date.now()) => {
  const { token, validUntil, item } = passwordLinkItem(account, 'console', NEW_STAFF_LINK_MS, now);
  const mail = staffWelcomeMail({
    displayName: account.displayName,
    role: account.staffRole,
    link: consoleSetPasswordLink(token),
    expiresAt: new Date(validUntil).toISOString(),
  });
  return { items: [item] as TransactItem[], send: () => mailLink(account.email, account.accountId, mail) };
};

/** Always the same answer; a link goes only to an active staff member, at most 3 an hour per email. */
export const forgotConsolePassword = async (email: string, now = Date.now()): Promise<void> => {
  if (await overLimit(RESET_LIMIT, email, now)) return;
  const account = await accountOfEmail(email);
  if (!isActiveStaff(account)) return;
  await mailPasswordLink(
    account,
    { audience: 'console', lifetimeMs: RESET_MS, link: consoleResetPasswordLink },
    (link, expiresAt) => staffPasswordResetMail({ link, expiresAt }),
    now,
  );
  await audit(ANONYMOUS, 'staff.password.reset-requested', account.accountId);
};

/**
 * Sets the password from a mailed link (a new staff member's or a reset) and signs in. Every other session of the
 * account ends; a used, expired, stale or unknown link, or one made for the portal, is the same 400.
 */
export const setConsolePassword = async (token: string, password: string, options: { persistent?: boolean | undefined } = {}, now = Date.now()): Promise<ConsoleSignIn> => {
  const account = await setPasswordWithLink(token, password, { audience: 'console', accepts: isActiveStaff, audit: 'staff.password.set' }, now);
  if (!isActiveStaff(account)) throw new BadRequest('This link is not valid: it may have been used or have expired', 'sd.error.invalid.link');
  return open(account, options.persistent, 'staff.signed-in', now);
};

/**
 * A signed-in staff member's new password, given the current one (counted like a sign-in, so a stolen session cannot
 * guess it). Every session of the account ends but the caller's, which the handler signs again at the new epoch.
 */
export const changeConsolePassword = async (caller: Caller, currentPassword: string, newPassword: string, now = Date.now()): Promise<AccountRecord> => {
  if (caller.kind !== 'staff') throw new Unauthorized();
  const { account, matches, forgive } = await attemptPassword(CONSOLE_SIGN_IN_LIMIT, caller.email, currentPassword, now);
  if (!account || account.accountId !== caller.accountId || !matches) {
    await audit(caller, 'staff.password.change-refused', caller.accountId);
    throw new BadRequest('The current password is not right', 'sd.console.error.wrong.password');
  }
  await forgive();
  return savePassword(await requireAccount(caller.accountId), newPassword, caller, 'staff.password.changed', [], {}, now);
};

/** Signing out of the console: the session's item goes, and the event is audited. */
export const signOutOfConsole = async (caller: Caller, sessionId: string): Promise<void> => {
  if (caller.kind !== 'staff') throw new Unauthorized();
  await endSession(sessionId, caller.accountId);
  await audit(caller, 'staff.signed-out', caller.accountId);
};
