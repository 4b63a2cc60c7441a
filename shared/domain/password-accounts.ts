/**
 * What the portal (customers) and the staff console (staff) share of password accounts: a throttled password check
 * that never tells whether the email exists, single-use links that set a password (reset tokens: random, stored as
 * a hash, expiring, made stale by any later epoch change), and a password change. Each caller says its own
 * audience, limits and words; a link made for one is refused by the other.
 */
import { BadRequest, TooManyRequests } from '#errors';
import { logger } from '#logger';
import { sendMail } from '#mail/ses';
import type { Caller } from '#model/caller';
import { getAccount, getEmailClaim, putAccountItems } from '#store/accounts';
import type { AccountRecord } from '#store/entities/account';
import type { Keys } from '#store/entities/item';
import { consumeResetTokenItem, forgiveAttempt, getResetToken, putResetTokenItem, recordAttempt } from '#store/portal';
import { transactWrite, type Refusals, type TransactItem } from '#store/transact';
import { auditItems } from './audit';
import { hashPassword, passwordMatches } from './passwords';
import { hashSecret, newSecret } from './secrets';
import { forgetAccount } from './warm-memory';

export type Audience = 'portal' | 'console';

export const accountOfEmail = async (email: string): Promise<AccountRecord | undefined> => {
  const claim = await getEmailClaim(email);
  return claim ? getAccount(claim.accountId) : undefined;
};

/** How many attempts of one email a window allows, counted under which item. */
export interface AttemptLimit {
  keys: (email: string) => Keys;
  max: number;
  windowMs: number;
}

/**
 * Counts the attempt before the password is checked (so parallel guesses cannot slip past the limit while the slow
 * check runs), refuses past the limit, then checks the password with the same scrypt work whether or not the email
 * has an account. The caller decides what a match is worth and calls `forgive` on success.
 */
export const attemptPassword = async (limit: AttemptLimit, email: string, password: string, now: number) => {
  const keys = limit.keys(email);
  const attempts = await recordAttempt(keys, now, limit.windowMs);
  if (attempts > limit.max) {
    throw new TooManyRequests(`Too many failed sign-ins for this email; try again in ${limit.windowMs / 60_000} minutes`, limit.windowMs / 1000);
  }
  const account = await accountOfEmail(email);
  const matches = await passwordMatches(password, account?.passwordHash);
  return { account, matches, forgive: () => forgiveAttempt(keys, now) };
};

/** Whether more requests of one email fall in the window than it allows (the request is counted). */
export const overLimit = async (limit: AttemptLimit, email: string, now: number): Promise<boolean> =>
  (await recordAttempt(limit.keys(email), now, limit.windowMs)) > limit.max;

/** A new password link for the account: its token (shown once, in the mail) and the write that stores its hash. */
export const passwordLinkItem = (
  account: Pick<AccountRecord, 'accountId' | 'sessionEpoch'>,
  audience: Audience,
  lifetimeMs: number,
  now: number,
): { token: string; validUntil: number; item: TransactItem } => {
  const token = newSecret();
  const validUntil = now + lifetimeMs;
  const item = putResetTokenItem(hashSecret(token), { accountId: account.accountId, epoch: account.sessionEpoch ?? 0, validUntil, audience });
  return { token, validUntil, item };
};

/** Mails a message carrying a link; a failed send is logged, not shown (it would tell that the account exists). */
export const mailLink = async (to: string, accountId: string, message: { subject: string; text: string; html: string }): Promise<void> => {
  await sendMail({ to, ...message }).catch((error: unknown) => logger.error('password link not sent', { accountId, error: error as Error }));
};

/**
 * Stores a new link for the account and mails it in the given words (`words(link, expiresAt)`).
 */
export const mailPasswordLink = async (
  account: AccountRecord & { email: string },
  options: { audience: Audience; lifetimeMs: number; link: (token: string) => string },
  words: (link: string, expiresAt: string) => { subject: string; text: string; html: string },
  now: number,
): Promise<void> => {
  const { token, validUntil, item } = passwordLinkItem(account, options.audience, options.lifetimeMs, now);
  await transactWrite([item], { resetToken: () => new Error('password link collision') });
  await mailLink(account.email, account.accountId, words(options.link(token), new Date(validUntil).toISOString()));
};

const INVALID_LINK = 'This link is not valid: it may have been used or have expired';

/**
 * Sets the password through a link and uses the link up, in one transaction with its audit event; the epoch moves
 * on, which ends every session of the account and makes every other link stale. Only a link of this audience, for
 * an account that `accepts` (an active one, a staff member), works; any other is the same 400.
 */
export const setPasswordWithLink = async (
  token: string,
  password: string,
  options: { audience: Audience; accepts: (account: AccountRecord) => boolean; audit: string; invalid?: string; i18nKey?: string },
  now = Date.now(),
): Promise<AccountRecord> => {
  const invalid = () => new BadRequest(options.invalid ?? INVALID_LINK, options.i18nKey ?? 'sd.error.invalid.link');
  const tokenHash = hashSecret(token);
  const link = await getResetToken(tokenHash);
  const account = link ? await getAccount(link.accountId) : undefined;
  const current =
    link &&
    account &&
    (link.audience ?? 'portal') === options.audience &&
    link.validUntil > now &&
    account.status === 'active' &&
    options.accepts(account) &&
    link.epoch === (account.sessionEpoch ?? 0);
  if (!current) throw invalid();
  const actor: Caller = account.staffRole
    ? { kind: 'staff', accountId: account.accountId, role: account.staffRole, email: account.email ?? '' }
    : { kind: 'customer', accountId: account.accountId, email: account.email ?? '' };
  // The link used meanwhile (by another tab, say) is the same 400; an account changed meanwhile is a lost update (409).
  return savePassword(account, password, actor, options.audit, [consumeResetTokenItem(tokenHash, account.accountId)], { resetToken: invalid }, now);
};

/**
 * Writes a new password at the account's version, moving its epoch on (every session ends), with the audit event; an
 * account changed meanwhile is a lost update (409).
 */
export const savePassword = async (
  account: AccountRecord,
  password: string,
  actor: Caller,
  action: string,
  extraItems: TransactItem[] = [],
  refusals: Refusals<string> = {},
  now = Date.now(),
): Promise<AccountRecord> => {
  const updated: AccountRecord = {
    ...account,
    passwordHash: await hashPassword(password),
    sessionEpoch: (account.sessionEpoch ?? 0) + 1,
    updatedAt: new Date(now).toISOString(),
    version: account.version + 1,
  };
  await transactWrite(
    [...extraItems, ...putAccountItems(updated, account.version), ...auditItems(actor, action, [{ type: 'account', id: account.accountId }])],
    refusals,
  );
  forgetAccount(account.accountId);
  return updated;
};
