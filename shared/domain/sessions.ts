/**
 * Portal sessions: a signed JWT (HS256, jose) naming the account, its session epoch and the session's own item.
 * Signing out deletes the item; suspending an account or resetting its password bumps the epoch, which ends every
 * session issued before. A browser session lasts SESSION_HOURS; "keep me signed in" KEEP_SIGNED_IN_DAYS.
 *
 * The portal carries the token in an HttpOnly cookie, so its pages cannot read it; writes made with the cookie must
 * also carry the session's CSRF token (derived from the session id with the same secret) in a header, which a page
 * of another site can neither read nor send.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { AccountRecord } from '#store/entities/account';
import type { SessionRecord } from '#store/entities/session';
import { sessionSecret } from '#store/secrets';
import { deleteSession, getSessionWithAccount, putSession } from '#store/sessions';
import { WARM_MEMORY_MS, forgetAccount, identifyOnce, recalled, remember } from './warm-memory';

const ISSUER = 'service-desk-portal';
export const SESSION_HOURS = 12;
export const KEEP_SIGNED_IN_DAYS = 30;

export interface Session {
  accountId: string;
  token: string;
  expiresAt: string;
  sessionId: string;
  persistent: boolean;
}

export const issueSession = async (account: AccountRecord, options: { persistent?: boolean | undefined } = {}, now = new Date()): Promise<Session> => {
  const persistent = options.persistent === true;
  const expires = new Date(now.getTime() + (persistent ? KEEP_SIGNED_IN_DAYS * 24 : SESSION_HOURS) * 3600_000);
  const sessionId = randomBytes(18).toString('base64url');
  await putSession({ sessionId, accountId: account.accountId, persistent, validUntil: expires.getTime(), createdAt: now.toISOString() });
  const token = await new SignJWT({ epoch: account.sessionEpoch ?? 0, sid: sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(account.accountId)
    .setIssuer(ISSUER)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expires.getTime() / 1000))
    .sign(await sessionSecret());
  return { accountId: account.accountId, token, expiresAt: expires.toISOString(), sessionId, persistent };
};

type Found = { account: AccountRecord; session: SessionRecord };

/** The account and session of a valid, current session token; undefined for anything else. */
export const sessionOf = async (token: string, now = Date.now()): Promise<Found | undefined> => {
  const known = recalled<Found>(`session\n${token}`);
  if (known) return known;
  return identifyOnce(`session\n${token}`, async () => {
    try {
      const { payload } = await jwtVerify(token, await sessionSecret(), { issuer: ISSUER, algorithms: ['HS256'] });
      if (!payload.sub || typeof payload.sid !== 'string') return undefined;
      const { account, session } = await getSessionWithAccount(payload.sid, payload.sub);
      if (!account || account.status !== 'active' || (account.sessionEpoch ?? 0) !== payload.epoch) return undefined;
      if (!session || session.accountId !== account.accountId || session.validUntil <= now) return undefined;
      // Until the session ends: one about to end is not remembered past its end.
      if (session.validUntil > now + WARM_MEMORY_MS) remember(`session\n${token}`, account.accountId, { account, session });
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
