/**
 * Who is calling, and may they call this route. Staff send `Authorization: Basic base64(email:apiToken)`.
 * A wrong email and a wrong token give the same 401 (same message, same work: see verifyStaffCredentials).
 */
import type { Caller, StaffRole } from '#domain/types';
import { verifyStaffCredentials } from '#domain/staff';
import type { Role } from '#routes/table';
import { Forbidden, Unauthorized } from '#errors';

const ROLE_RANK: Record<StaffRole, number> = { agent: 1, admin: 2 };

const parseBasic = (header: string): { email: string; token: string } | undefined => {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
};

export const authenticate = async (authorization: string | undefined, role: Role): Promise<Caller> => {
  if (role === 'public') return { kind: 'anonymous' };
  if (!authorization) throw new Unauthorized();
  const credentials = parseBasic(authorization);
  if (!credentials) throw new Unauthorized('Unsupported or malformed Authorization header');
  const staff = await verifyStaffCredentials(credentials.email, credentials.token);
  if (!staff) throw new Unauthorized('Invalid email or API token');
  if (ROLE_RANK[staff.role] < ROLE_RANK[role]) throw new Forbidden();
  return staff;
};
