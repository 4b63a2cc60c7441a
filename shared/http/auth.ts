/**
 * Who is calling, and may they call this route. Staff send `Authorization: Basic base64(email:apiToken)`;
 * customers `Authorization: Bearer <portal session>`. A wrong email and a wrong token give the same 401 (same
 * message, same work: see verifyStaffCredentials). A signed-in caller without the route's role gets 403.
 */
import type { Caller } from '#model/caller';
import type { StaffRole } from '#model/vocabulary';
import { accountOfSession } from '#domain/sessions';
import { verifyStaffCredentials } from '#domain/staff';
import type { Role } from '#routes/route';
import { Forbidden, Unauthorized } from '#errors';

const ROLE_RANK: Record<StaffRole, number> = { agent: 1, admin: 2 };

const parseBasic = (header: string): { email: string; token: string } | undefined => {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // No email is longer than 254 characters: such a header is refused before any lookup.
  if (colon <= 0 || colon > 254) return undefined;
  return { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
};

const identify = async (authorization: string): Promise<Caller> => {
  const bearer = /^Bearer\s+([A-Za-z0-9._-]+)\s*$/i.exec(authorization);
  if (bearer?.[1]) {
    const account = await accountOfSession(bearer[1]);
    if (!account || account.email === null) throw new Unauthorized('Your session has ended: sign in again');
    return { kind: 'customer', accountId: account.accountId, email: account.email, account };
  }
  const credentials = parseBasic(authorization);
  if (!credentials) throw new Unauthorized('Unsupported or malformed Authorization header');
  const staff = await verifyStaffCredentials(credentials.email, credentials.token);
  if (!staff) throw new Unauthorized('Invalid email or API token');
  return staff;
};

export const authenticate = async (authorization: string | undefined, role: Role): Promise<Caller> => {
  if (role === 'public') return { kind: 'anonymous' };
  if (!authorization) throw new Unauthorized();
  const caller = await identify(authorization);
  if (role === 'signedIn') return caller;
  if (role === 'customer') {
    if (caller.kind !== 'customer') throw new Forbidden('This route is for portal customers');
    return caller;
  }
  if (caller.kind !== 'staff' || ROLE_RANK[caller.role] < ROLE_RANK[role]) throw new Forbidden();
  return caller;
};
