/**
 * A new session as the caller asked for it: API clients get the Bearer token in the body; the portal (`cookie: true`)
 * gets it as the session cookie, and in the body only what its pages need: when it ends and its CSRF token.
 */
import { csrfTokenOf, type Session } from '#domain/sessions';
import type { Caller } from '#model/caller';
import { Unauthorized } from '#errors';
import { refuseCrossSite } from './auth';
import { Reply } from './handler';
import { clearedSessionCookie, sessionCookie } from './session-cookie';

export const sessionReply = async (session: Session, asCookie: boolean | undefined): Promise<unknown> => {
  if (!asCookie) return { token: session.token, expiresAt: session.expiresAt };
  const body = { accountId: session.accountId, expiresAt: session.expiresAt, persistent: session.persistent, csrfToken: await csrfTokenOf(session.sessionId) };
  return new Reply(body, {}, undefined, [sessionCookie(session.token, session.persistent, session.expiresAt)]);
};

/** Before a cookie session is opened: another site's page may not sign a visitor in (login CSRF). */
export const guardCookieSignIn = (asCookie: boolean | undefined, headers: Record<string, string | undefined>): void => {
  if (asCookie) refuseCrossSite(headers['sec-fetch-site']);
};

const sessionOfCaller = (caller: Caller) => {
  if (caller.kind !== 'customer' || !caller.session) throw new Unauthorized('Your session has ended: sign in again');
  return caller.session;
};

/** What the portal's pages know of their session: when it ends, and the CSRF token its writes carry. */
export const sessionView = async (caller: Caller) => {
  const session = sessionOfCaller(caller);
  return {
    accountId: caller.kind === 'customer' ? caller.accountId : '',
    expiresAt: session.expiresAt,
    persistent: session.persistent,
    ...(session.viaCookie ? { csrfToken: await csrfTokenOf(session.id) } : {}),
  };
};

export const endedSessionReply = (): Reply => new Reply(undefined, {}, 204, [clearedSessionCookie()]);

/** The caller's own session and account: what signing out ends. */
export const ownSession = (caller: Caller): { sessionId: string; accountId: string } => ({
  sessionId: sessionOfCaller(caller).id,
  accountId: caller.kind === 'customer' ? caller.accountId : '',
});
