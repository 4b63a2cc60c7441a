/**
 * Setup for the staff console's session tests, through the public API only: the links the local SES received,
 * setting a password with one, signing in with the console's cookie, and calling with it as the console does.
 */
import type { Answer, CallOptions, SentMail, TestApp } from '#harness/app';
import { createAgent, type Desk } from '#harness/desks';
import { PASSWORD, PORTAL_URL, lastMail, tokenOfLink } from '#harness/portal';

export const CONSOLE_URL = new URL('/console', PORTAL_URL).href;

/** A console session as a browser holds it: the cookie it sends back, the CSRF token its writes carry. */
export interface ConsoleSession {
  cookie: string;
  csrfToken: string;
}

/** The token of the console link `CONSOLE_URL/<path>?token=...` in a mail's text; the HTML must carry the same link. */
export const consoleLinkToken = (mail: SentMail | undefined, path: 'set-password' | 'reset-password'): string => tokenOfLink(mail, `${CONSOLE_URL}/${path}?token=`);

/** The console's cookie as a browser sends it back (name=value), from an answer that set it. */
export const consoleCookieOf = (answer: Answer): string | undefined =>
  answer.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('__Host-console-session=') && pair.length > '__Host-console-session='.length);

export const sessionFrom = (answer: Answer): ConsoleSession => {
  const cookie = consoleCookieOf(answer);
  if (answer.status !== 200 || !cookie) throw new Error(`console session: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { cookie, csrfToken: answer.body.csrfToken as string };
};

/** Call options of a page of the console: its cookie, its CSRF token, from its own origin. */
export const withConsole = (session: ConsoleSession, headers: Record<string, string> = {}): CallOptions => ({
  as: null,
  headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'sec-fetch-site': 'same-origin', ...headers },
});

export const consoleSignIn = (app: TestApp, email: string, password = PASSWORD, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  app.call('POST', '/rest/console/1/session', { as: null, body: { email, password, ...extra }, headers });

export const setPassword = (app: TestApp, token: string, password = PASSWORD, extra: Record<string, unknown> = {}) =>
  app.call('POST', '/rest/console/1/password', { as: null, body: { token, password, ...extra } });

/** A new staff member (an agent of the desks given, or an admin) who chose their password through the welcome mail, signed in. */
export const staffInConsole = async (app: TestApp, options: { role?: 'agent' | 'admin'; desks?: Desk[] } = {}) => {
  const staff = options.role === 'admin' ? await app.createStaff('admin') : await createAgent(app, ...(options.desks ?? []));
  const token = consoleLinkToken(await lastMail(app, staff.email), 'set-password');
  return { ...staff, session: sessionFrom(await setPassword(app, token)) };
};
