/**
 * Staff API tokens at the edge: one read of the email claim, which carries the token hash and the role exactly while
 * the account is an active staff member. A leaf of every function's bundle (through shared/http/auth.ts): it imports
 * no mail and no directory rules.
 */
import { getEmailClaim } from '#store/accounts';
import type { Caller } from '#model/caller';
import { identifyOnce, recalled, remember } from './warm-memory';
import { hashSecret, newSecret, secretMatches } from './secrets';

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

