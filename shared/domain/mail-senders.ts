/**
 * Who an email comes from, shared by the email channel and the review of refused and ignored messages: the sender's
 * address (resolveSender), their account by address, or a new portal-only one. Kept apart from the MIME parser (types
 * only) so the admin API bundles none of it.
 */
import type { InboundMessage, Mailbox } from '#mail/inbound';
import { getAccount, getEmailClaim } from '#store/accounts';
import { queryRequestTypes } from '#store/desks';
import type { AccountRecord } from '#store/entities/account';
import { emailSchema } from '#model/email';
import { EmailInUse, insertAccountJoiningDomain, newAccount } from './directory';
import type { Caller } from '#model/caller';

export const cut = (text: string, length: number): string => (text.length > length ? text.slice(0, length) : text);

const HEADERS_KEPT = 100;
const HEADER_VALUE_LENGTH = 998;
const HEADER_BYTES_KEPT = 16 * 1024;

/**
 * The header fields a mail-log entry keeps for review: in order, each value cut to a line's 998 characters, at most
 * 100 of them and 16 KB in all (a message with more is rare and suspicious; its first fields are the telling ones).
 */
export const keptHeaders = (headers: Record<string, string>): Array<{ name: string; value: string }> => {
  const kept: Array<{ name: string; value: string }> = [];
  let bytes = 0;
  for (const [name, raw] of Object.entries(headers)) {
    const value = cut(raw, HEADER_VALUE_LENGTH);
    bytes += name.length + value.length;
    if (kept.length >= HEADERS_KEPT || bytes > HEADER_BYTES_KEPT) break;
    kept.push({ name, value });
  }
  return kept;
};

/** The sender acting through the API: a customer, or a staff member writing from their own address. */
export const callerFor = (account: AccountRecord): Caller =>
  account.staffRole
    ? { kind: 'staff', accountId: account.accountId, role: account.staffRole, email: account.email ?? '' }
    : { kind: 'customer', accountId: account.accountId, email: account.email ?? '' };

/** An address the API itself would accept for an account (no spaces, one @, a domain, at most 254 characters). */
export const isUsableAddress = (address: string): boolean => emailSchema.safeParse(address).success && address.trim() === address;

export interface ResolvedSender {
  /** Lower-cased; '' when no header names a usable address. */
  email: string;
  name: string;
  /** The header it came from. */
  source: 'From' | 'Sender' | 'Reply-To' | 'envelope' | 'none';
}

/**
 * Who sent the message: the first usable address among the From mailboxes, then Sender, then Reply-To, then the
 * envelope sender. A display name whose encoded word holds a comma, or an address with spaces, no longer loses the
 * message: the next candidate is used, and an address the API would refuse never becomes an account.
 */
export const resolveSender = (m: InboundMessage, envelopeSource?: string): ResolvedSender => {
  const candidates: Array<[ResolvedSender['source'], Mailbox[]]> = [
    ['From', m.fromMailboxes],
    ['Sender', m.sender],
    ['Reply-To', m.replyTo],
    ['envelope', envelopeSource ? [{ name: '', address: envelopeSource.replace(/^<|>$/g, '') }] : []],
  ];
  for (const [source, boxes] of candidates) {
    const box = boxes.find((b) => isUsableAddress(b.address));
    if (box) return { email: box.address.toLowerCase(), name: box.name || m.fromMailboxes.find((b) => b.name)?.name || '', source };
  }
  return { email: '', name: m.fromMailboxes[0]?.name ?? '', source: 'none' };
};

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
  (await queryRequestTypes(deskId, { start: 0, limit: 1 })).values[0]?.id;
