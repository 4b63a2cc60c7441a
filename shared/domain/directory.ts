/**
 * The site-wide directory of customer accounts ("Directory -> Customers"): create, search, edit, suspend,
 * restore, anonymize. Every change is one conditional transaction that also records its audit event.
 */
import { BadRequest, ClaimHeld, LostUpdate, NotFound } from '#errors';
import {
  claimEmailItem,
  getAccount,
  getEmailClaim,
  putAccountItems,
  releaseEmailItem,
  removeApiTokenHashItem,
  queryDirectory,
  type DirectorySearch,
} from '#store/accounts';
import type { AccountRecord } from '#store/entities/account';
import { emailDomainOf, emailKey } from '#model/email';
import type { InvitationRecord } from '#store/entities/invitation';
import { deleteInvitationTokenItemIfPresent, invitationsOfAccount, putInvitationItem } from '#store/invitations';
import { putMembershipItem, refreshAccountCopies } from '#store/memberships';
import { domainClaimCheck, getDomainOrganizationId, getOrganization, organizationActiveCheck } from '#store/organizations';
import { labelled, transactWrite, type TransactItem } from '#store/transact';
import { forgetAccount } from './warm-memory';
import { auditItems, eraseAccountFromAudit } from './audit';
import { newAccountId } from './secrets';
import type { AccountStatus, AccountType } from '#model/vocabulary';
import type { Caller } from '#model/caller';

export const DEFAULT_TIME_ZONE = 'UTC';
export const ANONYMIZED_NAME = 'Former user';

export class EmailInUse extends ClaimHeld {
  constructor() {
    super('An account already exists for this email address', 'sd.customer.error.email.exists');
  }
}

/** The account changed between the read and the write guarded by its version. */
const accountChanged = () => new LostUpdate('The account was changed by someone else; read it again and retry');

const accountSubject = (accountId: string) => [{ type: 'account' as const, id: accountId }];

export const newAccount = (input: {
  email: string;
  displayName: string;
  accountType: AccountType;
  status: AccountStatus;
  now?: string;
}): AccountRecord => {
  const now = input.now ?? new Date().toISOString();
  return {
    accountId: newAccountId(),
    email: input.email.trim(),
    displayName: input.displayName.trim(),
    accountType: input.accountType,
    status: input.status,
    timeZone: DEFAULT_TIME_ZONE,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
};

class ExtrasRefused extends Error {}

/** An anonymized account's invitations keep no email, and a pending one can no longer be accepted. */
const eraseAccountFromInvitations = async (accountId: string): Promise<void> => {
  for (const inv of await invitationsOfAccount(accountId)) {
    if (inv.email === '' && inv.status !== 'pending') continue;
    const erased: InvitationRecord = { ...inv, email: '', status: inv.status === 'pending' ? 'revoked' : inv.status, version: inv.version + 1, updatedAt: new Date().toISOString() };
    await transactWrite([deleteInvitationTokenItemIfPresent(inv.tokenHash, inv.id), putInvitationItem(erased, inv.version)], {}, accountChanged);
  }
};

/** Writes a new account and claims its email, with any extra items (a membership), in one transaction. */
export const insertAccount = async (
  caller: Caller,
  account: AccountRecord,
  options: { apiTokenHash?: string; extraItems?: TransactItem[] } = {},
): Promise<void> => {
  const email = account.email ?? '';
  const claim =
    options.apiTokenHash && account.staffRole
      ? { accountId: account.accountId, apiTokenHash: options.apiTokenHash, staffRole: account.staffRole }
      : { accountId: account.accountId };
  await transactWrite(
    [
      claimEmailItem(email, claim),
      ...putAccountItems(account, undefined),
      ...auditItems(caller, 'account.created', accountSubject(account.accountId), {
        after: { email, displayName: account.displayName, status: account.status, accountType: account.accountType },
      }),
      ...labelled('extras', options.extraItems ?? []),
    ],
    { emailClaim: () => new EmailInUse(), extras: () => new ExtrasRefused() },
  );
};

/**
 * Inserts a new account, with `extraItems`, and makes it join the organization that owns its email domain, in the
 * same transaction. The usual case (no organization has the domain) is one transaction and no read: it checks
 * that the domain is unclaimed and only when it is not reads who has it and writes the membership too.
 */
export const insertAccountJoiningDomain = async (caller: Caller, account: AccountRecord, extraItems: TransactItem[] = []): Promise<void> => {
  const domain = emailDomainOf(account.email ?? '');
  let organizationId: string | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const joinItems = organizationId
      ? [
          domainClaimCheck(domain, organizationId),
          putMembershipItem({ kind: 'organizationMembers', organizationId }, account),
          organizationActiveCheck(organizationId),
        ]
      : [domainClaimCheck(domain)];
    try {
      await insertAccount(caller, account, { extraItems: [...extraItems, ...joinItems] });
      return;
    } catch (error) {
      // The domain's owner is not what we assumed (or the organization is being deleted): look again.
      if (!(error instanceof ExtrasRefused) || attempt >= 3) throw error;
      const owner = await getDomainOrganizationId(domain);
      organizationId = owner && (await getOrganization(owner))?.state === 'active' ? owner : undefined;
      if (owner && !organizationId) {
        await insertAccount(caller, account, { extraItems });
        return;
      }
    }
  }
};

export const createCustomer = async (caller: Caller, input: { email: string; displayName: string }): Promise<AccountRecord> => {
  const account = newAccount({ ...input, accountType: 'portal', status: 'active' });
  await insertAccountJoiningDomain(caller, account);
  return account;
};

export const requireAccount = async (accountId: string): Promise<AccountRecord> => {
  const account = await getAccount(accountId);
  if (!account) throw new NotFound('No account with this id', 'sd.customer.error.not.found');
  return account;
};

const requireNotAnonymized = (account: AccountRecord): void => {
  if (account.status === 'anonymized') throw new BadRequest('The account is anonymized', 'sd.customer.error.anonymized');
};

/** Writes a changed account guarded by the version that was read; a concurrent change in between is a 409. */
const saveAccount = async (
  caller: Caller,
  before: AccountRecord,
  after: AccountRecord,
  action: string,
  change: { before: Record<string, unknown>; after: Record<string, unknown> },
  emailMove?: { release?: string; claim?: string; apiTokenHash?: string },
  extraItems: TransactItem[] = [],
): Promise<AccountRecord> => {
  const saved = { ...after, version: before.version + 1, updatedAt: new Date().toISOString() };
  const items: TransactItem[] = [...putAccountItems(saved, before.version), ...extraItems];
  // The old email is released only while its claim still holds the token hash read (no rotation lost).
  if (emailMove?.release) items.push(...labelled('releasedEmail', releaseEmailItem(emailMove.release, before.accountId, emailMove.apiTokenHash)));
  if (emailMove?.claim) {
    const staff = emailMove.apiTokenHash && before.staffRole ? { apiTokenHash: emailMove.apiTokenHash, staffRole: before.staffRole } : {};
    items.push(...labelled('claimedEmail', claimEmailItem(emailMove.claim, { accountId: before.accountId, ...staff })));
  }
  items.push(...auditItems(caller, action, accountSubject(before.accountId), change));
  await transactWrite(items, { claimedEmail: () => new EmailInUse() }, accountChanged);
  forgetAccount(before.accountId);
  await refreshAccountCopies(saved);
  return saved;
};

export const updateCustomer = async (
  caller: Caller,
  accountId: string,
  changes: { displayName?: string | undefined; email?: string | undefined },
  expectedVersion?: number,
): Promise<AccountRecord> => {
  const account = await requireAccount(accountId);
  requireNotAnonymized(account);
  if (expectedVersion !== undefined && expectedVersion !== account.version) throw accountChanged();
  const displayName = changes.displayName ?? account.displayName;
  const email = changes.email ?? account.email ?? '';
  if (displayName === account.displayName && email === account.email) {
    await refreshAccountCopies(account); // a retry after a crash between the write and the copies finishes them
    return account;
  }

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (displayName !== account.displayName) {
    before.displayName = account.displayName;
    after.displayName = displayName;
  }
  if (email !== account.email) {
    before.email = account.email;
    after.email = email;
  }

  const emailMoves = account.email !== null && emailKey(email) !== emailKey(account.email);
  const apiTokenHash = emailMoves && account.staffRole ? (await getEmailClaim(account.email ?? ''))?.apiTokenHash : undefined;
  return saveAccount(
    caller,
    account,
    { ...account, displayName, email },
    'account.updated',
    { before, after },
    emailMoves ? { release: account.email ?? '', claim: email, ...(apiTokenHash ? { apiTokenHash } : {}) } : undefined,
  );
};

/**
 * JSM "revoke portal-only access": the account can no longer sign in or email. Staff can be suspended too: their API
 * token is removed (restored staff need a new one) and, like anyone's, their sessions end at once.
 */
export const suspendCustomer = async (caller: Caller, accountId: string): Promise<void> => {
  const account = await requireAccount(accountId);
  requireNotAnonymized(account);
  if (caller.kind === 'staff' && caller.accountId === accountId) throw new BadRequest('You cannot suspend your own account', 'sd.customer.error.self');
  if (account.status === 'suspended') return refreshAccountCopies(account); // finishes a crashed earlier call
  await saveAccount(
    caller,
    account,
    { ...account, status: 'suspended', statusBeforeSuspension: account.status, sessionEpoch: (account.sessionEpoch ?? 0) + 1 },
    'account.suspended',
    { before: { status: account.status }, after: { status: 'suspended' } },
    undefined,
    account.staffRole && account.email !== null ? [removeApiTokenHashItem(account.email, account.accountId)] : [],
  );
};

export const restoreCustomer = async (caller: Caller, accountId: string): Promise<void> => {
  const account = await requireAccount(accountId);
  requireNotAnonymized(account);
  if (account.status !== 'suspended') return refreshAccountCopies(account); // finishes a crashed earlier call
  const status = account.statusBeforeSuspension ?? 'active';
  const { statusBeforeSuspension: _dropped, ...rest } = account;
  await saveAccount(caller, account, { ...rest, status }, 'account.restored', { before: { status: 'suspended' }, after: { status } });
};

/** Erase name and email; the id stays for the records that point at it, and the email is free again. */
export const anonymizeCustomer = async (caller: Caller, accountId: string): Promise<void> => {
  const account = await requireAccount(accountId);
  if (caller.kind === 'staff' && caller.accountId === accountId) throw new BadRequest('You cannot anonymize your own account');
  if (account.status !== 'anonymized') {
    const { statusBeforeSuspension: _s, staffRole: _r, ...rest } = account;
    await saveAccount(
      caller,
      account,
      { ...rest, email: null, displayName: ANONYMIZED_NAME, status: 'anonymized' },
      'account.anonymized',
      { before: { status: account.status }, after: { status: 'anonymized' } },
      account.email === null ? undefined : { release: account.email },
    );
  } else {
    await refreshAccountCopies(account);
  }
  // Runs again on a retried DELETE, so an interrupted erase completes.
  await eraseAccountFromInvitations(accountId);
  await eraseAccountFromAudit(accountId);
};


/** One page of the directory, by email, or by email or name prefix when searched (one Query). */
export const searchDirectory = async (search: DirectorySearch) => queryDirectory(search);
