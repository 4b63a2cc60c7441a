/**
 * Who an email comes from, shared by the email channel and the review of refused messages: the sender's account
 * by address, or a new portal-only one. Kept apart from the MIME parser so the admin API bundles none of it.
 */
import { getAccount, getEmailClaim } from '#store/accounts';
import { queryRequestTypes } from '#store/desks';
import type { AccountRecord } from '#store/keys';
import { EmailInUse, insertAccountJoiningDomain, newAccount } from './directory';
import type { Caller } from './types';

export const cut = (text: string, length: number): string => (text.length > length ? text.slice(0, length) : text);

/** The sender acting through the API: a customer, or a staff member writing from their own address. */
export const callerFor = (account: AccountRecord): Caller =>
  account.staffRole
    ? { kind: 'staff', accountId: account.accountId, role: account.staffRole, email: account.email ?? '' }
    : { kind: 'customer', accountId: account.accountId, email: account.email ?? '' };

export const accountByEmail = async (email: string): Promise<AccountRecord | undefined> => {
  const claim = email ? await getEmailClaim(email) : undefined;
  return claim ? getAccount(claim.accountId) : undefined;
};

/** A portal-only account for an unknown sender (an open desk, or an admin's review). */
export const accountForSender = async (caller: Caller, email: string, name: string): Promise<AccountRecord> => {
  const account = newAccount({ email, displayName: name || email.split('@')[0] || email, accountType: 'portal', status: 'active' });
  try {
    await insertAccountJoiningDomain(caller, account);
    return account;
  } catch (error) {
    // A concurrent delivery created it first.
    const existing = error instanceof EmailInUse ? await accountByEmail(email) : undefined;
    if (existing) return existing;
    throw error;
  }
};

export const defaultRequestTypeId = async (deskId: string): Promise<string | undefined> =>
  (await queryRequestTypes(deskId, { start: 0, limit: 1 })).requestTypes[0]?.id;
