/**
 * Staff (agents and admins): site accounts with a role and an API token. The token is 256-bit random, shown
 * once, stored only as a hash on the email claim, and compared in constant time.
 */
import { Conflict, Forbidden, ItemMissing, NotFound } from '#errors';
import { getEmailClaim, setApiTokenHashItem } from '#store/accounts';
import { transactWrite } from '#store/transact';
import { auditItems } from './audit';
import { EmailInUse, insertAccount, newAccount, requireAccount } from './directory';
import { forgetAccount, identifyOnce, recalled, remember } from './warm-memory';
import { hashSecret, newSecret, secretMatches } from './secrets';
import type { Caller } from '#model/caller';
import type { StaffRole } from '#model/vocabulary';

/** Compared against when the email is unknown, so a wrong email costs the same work as a wrong token. */
const UNKNOWN_EMAIL_HASH = hashSecret(newSecret());

/**
 * One read: the email claim carries the token hash and the role exactly while the account is an active staff member
 * (created with both; a suspension removes both; an anonymization deletes the claim).
 */
export const verifyStaffCredentials = async (email: string, token: string): Promise<StaffCaller | undefined> => {
  const credential = `staff\n${email}\n${token}`;
  const known = recalled<StaffCaller>(credential);
  if (known) return known;
  return identifyOnce(credential, async () => {
    const claim = await getEmailClaim(email);
    const matches = secretMatches(token, claim?.apiTokenHash ?? UNKNOWN_EMAIL_HASH);
    if (!claim?.apiTokenHash || !claim.staffRole || !matches) return undefined;
    const staff: StaffCaller = { kind: 'staff', accountId: claim.accountId, role: claim.staffRole, email: email.trim() };
    remember(credential, staff.accountId, staff);
    return staff;
  });
};
type StaffCaller = Extract<Caller, { kind: 'staff' }>;

export interface IssuedToken {
  accountId: string;
  apiToken: string;
}

export const createStaff = async (
  caller: Caller,
  input: { email: string; displayName: string; role: StaffRole },
  apiToken = newSecret(),
): Promise<IssuedToken & { email: string; displayName: string; role: StaffRole }> => {
  const account = { ...newAccount({ ...input, accountType: 'site', status: 'active' }), staffRole: input.role };
  await insertAccount(caller, account, { apiTokenHash: hashSecret(apiToken) });
  return { accountId: account.accountId, apiToken, email: account.email ?? '', displayName: account.displayName, role: input.role };
};

/**
 * Admins rotate anyone's token; a staff member may rotate their own. The old token stops working at once in this
 * function, and within WARM_MEMORY_MS in other warm ones.
 */
export const rotateStaffToken = async (caller: Caller, accountId: string, apiToken = newSecret()): Promise<IssuedToken> => {
  if (caller.kind !== 'staff' || (caller.role !== 'admin' && caller.accountId !== accountId)) throw new Forbidden();
  const account = await requireAccount(accountId);
  if (!account.staffRole || account.email === null) throw new NotFound('No staff member with this id');
  if (account.status !== 'active') throw new Conflict(`The account is ${account.status}: restore it before issuing a token`, 'sd.staff.error.not.active');
  await transactWrite(
    [
      setApiTokenHashItem(account.email, accountId, hashSecret(apiToken), account.staffRole),
      ...auditItems(caller, 'staff.token.rotated', [{ type: 'account', id: accountId }]),
    ],
    { emailClaim: () => new ItemMissing('No staff member with this id') },
  );
  forgetAccount(accountId);
  return { accountId, apiToken };
};

const SYSTEM: Caller = { kind: 'system', name: 'bootstrap' };

/**
 * The local runtime's first admin: created when missing, otherwise given this token. Not reachable over HTTP.
 */
export const ensureBootstrapAdmin = async (email: string, apiToken: string): Promise<IssuedToken> => {
  const claim = await getEmailClaim(email);
  if (!claim) {
    try {
      return await createStaff(SYSTEM, { email, displayName: 'Bootstrap admin', role: 'admin' }, apiToken);
    } catch (error) {
      if (!(error instanceof EmailInUse)) throw error;
      return ensureBootstrapAdmin(email, apiToken);
    }
  }
  const account = await requireAccount(claim.accountId);
  if (account.staffRole !== 'admin' || account.status !== 'active') {
    throw new Error(`${email} belongs to an account that is not an active admin`);
  }
  return rotateStaffToken({ kind: 'staff', accountId: account.accountId, role: 'admin', email }, account.accountId, apiToken);
};
