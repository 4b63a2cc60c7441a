/**
 * Browser sessions, of two kinds: the portal's (customers) and the staff console's. Each is a signed JWT (HS256,
 * jose) naming the account, its session epoch and the session's own item; the kind is its issuer, so a token of one
 * kind is never taken for the other. Signing out deletes the item; suspending an account, resetting or changing its
 * password and rotating a staff member's API token bump the epoch, which ends every session issued before (the one
 * that made the change is signed again at the new epoch: `renewSession`).
 *
 * The pages carry the token in an HttpOnly cookie, so they cannot read it; writes made with the cookie must also
 * carry the session's CSRF token (derived from the session id with the same secret) in a header, which a page of
 * another site can neither read nor send.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { AccountRecord } from '#store/entities/account';
import type { SessionRecord } from '#store/entities/session';
import { sessionSecret } from '#store/secrets';
import { deleteSession, getSessionWithAccount, putSession } from '#store/sessions';
import { WARM_MEMORY_MS, forgetAccount, identifyOnce, recalled, remember } from './warm-memory';

/** A kind of session: who issues it and how long it lasts, in the browser alone or kept signed in. */
export interface SessionKind {
  issuer: string;
  browserHours: number;
  keepSignedInHours: number;
}

/** Customers: 12 hours, or 30 days signed in. */
export const PORTAL_SESSIONS: SessionKind = { issuer: 'service-desk-portal', browserHours: 12, keepSignedInHours: 30 * 24 };
/** Staff in the console: shorter, 8 hours, or 24 hours signed in. */
export const CONSOLE_SESSIONS: SessionKind = { issuer: 'service-desk-console', browserHours: 8, keepSignedInHours: 24 };

export interface Session {
  accountId: string;
  token: string;
  expiresAt: string;
  sessionId: string;
  persistent: boolean;
}

const signSession = async (kind: SessionKind, accountId: string, epoch: number, sessionId: string, issuedAt: number, expires: number): Promise<string> =>
  new SignJWT({ epoch, sid: sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(accountId)
    .setIssuer(kind.issuer)
    .setIssuedAt(Math.floor(issuedAt / 1000))
    .setExpirationTime(Math.floor(expires / 1000))
    .sign(await sessionSecret());

export const issueSession = async (
  account: AccountRecord,
  options: { persistent?: boolean | undefined; kind?: SessionKind } = {},
  now = new Date(),
): Promise<Session> => {
  const kind = options.kind ?? PORTAL_SESSIONS;
  const persistent = options.persistent === true;
  const expires = new Date(now.getTime() + (persistent ? kind.keepSignedInHours : kind.browserHours) * 3600_000);
  const sessionId = randomBytes(18).toString('base64url');
  await putSession({ sessionId, accountId: account.accountId, persistent, validUntil: expires.getTime(), createdAt: now.toISOString() });
  const token = await signSession(kind, account.accountId, account.sessionEpoch ?? 0, sessionId, now.getTime(), expires.getTime());
  return { accountId: account.accountId, token, expiresAt: expires.toISOString(), sessionId, persistent };
};

/**
 * The same session (same item, same end, same CSRF token) signed at the account's new epoch: the session that changed
 * the password or rotated the token stays signed in while every other one ends.
 */
export const renewSession = async (
  kind: SessionKind,
  session: { id: string; expiresAt: string; persistent: boolean },
  account: Pick<AccountRecord, 'accountId' | 'sessionEpoch'>,
  now = Date.now(),
): Promise<Session> => {
  const token = await signSession(kind, account.accountId, account.sessionEpoch ?? 0, session.id, now, Date.parse(session.expiresAt));
  return { accountId: account.accountId, token, expiresAt: session.expiresAt, sessionId: session.id, persistent: session.persistent };
};

type Found = { account: AccountRecord; session: SessionRecord };

/** The account and session of a valid, current session token of this kind; undefined for anything else. */
export const sessionOf = async (token: string, kind: SessionKind = PORTAL_SESSIONS, now = Date.now()): Promise<Found | undefined> => {
  const memory = `session\n${kind.issuer}\n${token}`;
  const known = recalled<Found>(memory);
  if (known) return known;
  return identifyOnce(memory, async () => {
    try {
      const { payload } = await jwtVerify(token, await sessionSecret(), { issuer: kind.issuer, algorithms: ['HS256'] });
      if (!payload.sub || typeof payload.sid !== 'string') return undefined;
      const { account, session } = await getSessionWithAccount(payload.sid, payload.sub);
      if (!account || account.status !== 'active' || (account.sessionEpoch ?? 0) !== payload.epoch) return undefined;
      if (!session || session.accountId !== account.accountId || session.validUntil <= now) return undefined;
      // Until the session ends: one about to end is not remembered past its end.
      if (session.validUntil > now + WARM_MEMORY_MS) remember(memory, account.accountId, { account, session });
      return { account, session };
    } catch {
      return undefined;
    }
  });
};

/** Signing out: the session's item goes, and this process forgets what it remembered of the account's sessions. */
export const endSession = async (sessionId: string, accountId: string): Promise<void> => {
  await deleteSession(sessionId);
  forgetAccount(accountId);
};

/** The session's CSRF token: only the session's own pages learn it (from the sign-in answer or GET session). */
export const csrfTokenOf = async (sessionId: string): Promise<string> =>
  createHmac('sha256', await sessionSecret())
    .update(`csrf:${sessionId}`)
    .digest('base64url');
