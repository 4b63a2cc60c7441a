/**
 * Staff (agents and admins): site accounts with a role and an API token. The token is 256-bit random, shown
 * once, stored only as a hash on the email claim, and compared in constant time. A new staff member is also mailed
 * a link to choose the password they sign in to the console with (console-sign-in.ts).
 */
import { Conflict, Forbidden, ItemMissing, NotFound } from '#errors';
import { getEmailClaim, putAccountItems, setApiTokenHashItem } from '#store/accounts';
import type { AccountRecord } from '#store/entities/account';
import { transactWrite } from '#store/transact';
import { auditItems } from './audit';
import { newStaffLink } from './console-sign-in';
import { EmailInUse, insertAccount, newAccount, requireAccount } from './directory';
import { forgetAccount } from './warm-memory';
import { hashSecret, newSecret, secretMatches } from './secrets';
import type { Caller } from '#model/caller';
import type { StaffRole } from '#model/vocabulary';

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
  const link = newStaffLink({ ...account, email: account.email ?? '' });
  await insertAccount(caller, account, { apiTokenHash: hashSecret(apiToken), extraItems: link.items });
  await link.send();
  return { accountId: account.accountId, apiToken, email: account.email ?? '', displayName: account.displayName, role: input.role };
};

/**
 * Admins rotate anyone's token; a staff member may rotate their own. The old token stops working at once in this
 * function, and within WARM_MEMORY_MS in other warm ones; so does every console session of the account (its epoch
 * moves on), but the caller's own, which the handler signs again at the new epoch (`account`).
 */
export const rotateStaffToken = async (caller: Caller, accountId: string, apiToken = newSecret()): Promise<IssuedToken & { account: AccountRecord }> => {
  if (caller.kind !== 'staff' || (caller.role !== 'admin' && caller.accountId !== accountId)) throw new Forbidden();
  const account = await requireAccount(accountId);
  if (!account.staffRole || account.email === null) throw new NotFound('No staff member with this id');
  if (account.status !== 'active') throw new Conflict(`The account is ${account.status}: restore it before issuing a token`, 'sd.staff.error.not.active');
  const updated = { ...account, sessionEpoch: (account.sessionEpoch ?? 0) + 1, version: account.version + 1, updatedAt: new Date().toISOString() };
  await transactWrite(
    [
      setApiTokenHashItem(account.email, accountId, hashSecret(apiToken), account.staffRole),
      ...putAccountItems(updated, account.version),
      ...auditItems(caller, 'staff.token.rotated', [{ type: 'account', id: accountId }]),
    ],
    { emailClaim: () => new ItemMissing('No staff member with this id') },
  );
  forgetAccount(accountId);
  return { accountId, apiToken, account: updated };
};

const SYSTEM: Caller = { kind: 'system', name: 'bootstrap' };

/**
 * The local runtime's first admin: created when missing, otherwise given this token (a rotation, unless it already
 * has it). Not reachable over HTTP.
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
  // The same token again (npm start keeps it in its data folder): nothing to rotate, and its console sessions go on.
  if (claim.apiTokenHash && secretMatches(apiToken, claim.apiTokenHash)) return { accountId: account.accountId, apiToken };
  const { accountId } = await rotateStaffToken({ kind: 'staff', accountId: account.accountId, role: 'admin', email }, account.accountId, apiToken);
  return { accountId, apiToken };
};
