/**
 * A new session as the caller asked for it: API clients get the Bearer token in the body; the portal (`cookie: true`)
 * and the staff console get it as their session cookie, and in the body only what their pages need: when it ends and
 * its CSRF token. A browser holds one signed-in person at a time: a cookie sign-in to the portal clears the console's
 * cookie, and the other way round, so no page of one acts with the other's session.
 */
import { CONSOLE_SESSIONS, csrfTokenOf, renewSession, type Session } from '#domain/sessions';
import type { Caller } from '#model/caller';
import type { AccountRecord } from '#store/entities/account';
import { Unauthorized } from '#errors';
import { refuseCrossSite } from './auth';
import { Reply } from './handler';
import { CONSOLE_COOKIE, SESSION_COOKIE, clearedSessionCookie, sessionCookie } from './session-cookie';

const SESSION_ENDED = 'Your session has ended: sign in again';

const cookieBody = async (session: Session) => ({
  expiresAt: session.expiresAt,
  persistent: session.persistent,
  csrfToken: await csrfTokenOf(session.sessionId),
});

export const sessionReply = async (session: Session, asCookie: boolean | undefined): Promise<unknown> => {
  if (!asCookie) return { token: session.token, expiresAt: session.expiresAt };
  const body = { accountId: session.accountId, ...(await cookieBody(session)) };
  return new Reply(body, {}, undefined, [sessionCookie(session.token, session.persistent, session.expiresAt), clearedSessionCookie(CONSOLE_COOKIE)]);
};

/** The staff member a console session belongs to, as the console shows them. */
export const consoleStaffView = (account: Pick<AccountRecord, 'accountId' | 'displayName' | 'email' | 'staffRole'>) => ({
  accountId: account.accountId,
  displayName: account.displayName,
  emailAddress: account.email ?? '',
  role: account.staffRole ?? 'agent',
});

/** A console sign-in's answer: the session in its cookie, what the pages need in the body. */
export const consoleSessionReply = async (session: Session, account: Parameters<typeof consoleStaffView>[0]): Promise<Reply> =>
  new Reply({ ...(await cookieBody(session)), staff: consoleStaffView(account) }, {}, undefined, [
    sessionCookie(session.token, session.persistent, session.expiresAt, CONSOLE_COOKIE),
    clearedSessionCookie(SESSION_COOKIE),
  ]);

/** Before a cookie session is opened: another site's page may not sign a visitor in (login CSRF). */
export const guardCookieSignIn = (asCookie: boolean | undefined, headers: Record<string, string | undefined>): void => {
  if (asCookie) refuseCrossSite(headers['sec-fetch-site']);
};

const sessionOfCaller = (caller: Caller) => {
  if ((caller.kind !== 'customer' && caller.kind !== 'staff') || !caller.session) throw new Unauthorized(SESSION_ENDED);
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

/** What the console's pages know of their session: the same, and whose it is. */
export const consoleSessionView = async (caller: Caller, account: Parameters<typeof consoleStaffView>[0]) => {
  const session = sessionOfCaller(caller);
  return { expiresAt: session.expiresAt, persistent: session.persistent, csrfToken: await csrfTokenOf(session.id), staff: consoleStaffView(account) };
};

export const endedSessionReply = (cookie: typeof SESSION_COOKIE | typeof CONSOLE_COOKIE = SESSION_COOKIE): Reply =>
  new Reply(undefined, {}, 204, [clearedSessionCookie(cookie)]);

/** The caller's own session and account: what signing out ends. */
export const ownSession = (caller: Caller): { sessionId: string; accountId: string } => ({
  sessionId: sessionOfCaller(caller).id,
  accountId: caller.kind === 'customer' || caller.kind === 'staff' ? caller.accountId : '',
});

/**
 * After a change that ended every other session of the account (a new password, a new API token): the caller's own
 * console session, signed again at the account's new epoch, in its cookie. Nothing when the caller came otherwise.
 */
export const keptConsoleSession = async (caller: Caller, account: Pick<AccountRecord, 'accountId' | 'sessionEpoch'>, body: unknown, status?: number): Promise<Reply> => {
  const session = caller.kind === 'staff' && caller.accountId === account.accountId ? caller.session : undefined;
  if (!session) return new Reply(body, {}, status);
  const renewed = await renewSession(CONSOLE_SESSIONS, session, account);
  return new Reply(body, {}, status, [sessionCookie(renewed.token, renewed.persistent, renewed.expiresAt, CONSOLE_COOKIE)]);
};
