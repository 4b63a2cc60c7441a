/**
 * Who is calling, and may they call this route. Staff send `Authorization: Basic base64(email:apiToken)`, or, in the
 * staff console, its session cookie; customers `Authorization: Bearer <portal session>`, or, in the portal, the
 * portal's session cookie. Staff routes take the console's cookie, customer routes the portal's, routes for anyone
 * signed in either (the console's first). A write made with a cookie must carry the session's CSRF token in
 * `X-CSRF-Token` and must not come from another site (`Sec-Fetch-Site: cross-site`). A wrong email and a wrong token give the same 401 (same message, same work: see
 * verifyStaffCredentials). A signed-in caller without the route's role gets 403.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Caller } from '#model/caller';
import type { StaffRole } from '#model/vocabulary';
import { CONSOLE_SESSIONS, csrfTokenOf, sessionOf } from '#domain/sessions';
import { verifyStaffCredentials } from '#domain/staff-credentials';
import type { Role } from '#routes/route';
import { Forbidden, Unauthorized } from '#errors';

const ROLE_RANK: Record<StaffRole, number> = { agent: 1, admin: 2 };
const SESSION_ENDED = 'Your session has ended: sign in again';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a request presents: its Authorization header, or a session cookie with what guards writes made with it. */
export interface Credentials {
  authorization?: string | undefined;
  /** The portal's session cookie. */
  sessionCookie?: string | undefined;
  /** The staff console's session cookie. */
  consoleCookie?: string | undefined;
  csrfToken?: string | undefined;
  fetchSite?: string | undefined;
  method: string;
}

const parseBasic = (header: string): { email: string; token: string } | undefined => {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // No email is longer than 254 characters: such a header is refused before any lookup.
  if (colon <= 0 || colon > 254) return undefined;
  return { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
};

const sameSecret = (given: string, expected: string): boolean =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/** Refuses a write made with the cookie that another site's page could have sent. */
export const refuseCrossSite = (fetchSite: string | undefined): void => {
  if (fetchSite === 'cross-site') throw new Forbidden("This change did not come from the help center's own pages");
};

const sessionView = (session: { sessionId: string; validUntil: number; persistent: boolean }, viaCookie: boolean) => ({
  id: session.sessionId,
  expiresAt: new Date(session.validUntil).toISOString(),
  persistent: session.persistent,
  viaCookie,
});

const customerOf = async (token: string, viaCookie: boolean): Promise<Caller & { kind: 'customer' }> => {
  const found = await sessionOf(token);
  const email = found?.account.email;
  if (!found || !email) throw new Unauthorized(SESSION_ENDED);
  const { account, session } = found;
  return { kind: 'customer', accountId: account.accountId, email, account, session: sessionView(session, viaCookie) };
};

/** A console session: only an active staff member's (a suspension or an anonymization ends it through the account). */
const staffOfSession = async (token: string): Promise<Caller & { kind: 'staff' }> => {
  const found = await sessionOf(token, CONSOLE_SESSIONS);
  const email = found?.account.email;
  const role = found?.account.staffRole;
  if (!found || !email || !role) throw new Unauthorized(SESSION_ENDED);
  return { kind: 'staff', accountId: found.account.accountId, role, email, session: sessionView(found.session, true) };
};

/** The caller of a session cookie: the console's on staff routes, the portal's on customer routes, either on others. */
const cookieCaller = async (credentials: Credentials, role: Role): Promise<Caller> => {
  const { sessionCookie, consoleCookie } = credentials;
  const caller =
    consoleCookie && role !== 'customer'
      ? await staffOfSession(consoleCookie)
      : sessionCookie
        ? await customerOf(sessionCookie, true)
        : undefined;
  if (!caller) throw new Unauthorized();
  if (!SAFE_METHODS.has(credentials.method)) {
    refuseCrossSite(credentials.fetchSite);
    if (!sameSecret(credentials.csrfToken ?? '', await csrfTokenOf(caller.session!.id))) {
      throw new Forbidden("This change did not carry the session's CSRF token: reload the page and try again");
    }
  }
  return caller;
};

const identify = async (credentials: Credentials, role: Role): Promise<Caller> => {
  const { authorization } = credentials;
  if (!authorization) return cookieCaller(credentials, role);
  const bearer = /^Bearer\s+([A-Za-z0-9._-]+)\s*$/i.exec(authorization);
  if (bearer?.[1]) return customerOf(bearer[1], false);
  const basic = parseBasic(authorization);
  if (!basic) throw new Unauthorized('Unsupported or malformed Authorization header');
  const staff = await verifyStaffCredentials(basic.email, basic.token);
  if (!staff) throw new Unauthorized('Invalid email or API token');
  return staff;
};

/** `credentials`: what the request presents, or just its Authorization header (an API client's call). */
export const authenticate = async (credentials: Credentials | string | undefined, role: Role): Promise<Caller> => {
  if (role === 'public') return { kind: 'anonymous' };
  const caller = await identify(typeof credentials === 'object' ? credentials : { authorization: credentials, method: 'GET' }, role);
  if (role === 'signedIn') return caller;
  if (role === 'customer') {
    if (caller.kind !== 'customer') throw new Forbidden('This route is for portal customers');
    return caller;
  }
  if (caller.kind !== 'staff' || ROLE_RANK[caller.role] < ROLE_RANK[role]) throw new Forbidden();
  return caller;
};
