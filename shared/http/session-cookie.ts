/**
 * The session cookies of the portal and of the staff console: `__Host-` (Secure, Path=/, no Domain: only this origin
 * can set or read them), HttpOnly (no script reads them), SameSite=Strict (no other site's page sends them). A browser
 * session has no Max-Age and ends with the browser; "keep me signed in" gives the cookie the session's lifetime.
 * Browsers treat http://localhost as a secure context, so the local gateway can set a Secure cookie without TLS.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export const SESSION_COOKIE = '__Host-portal-session';
export const CONSOLE_COOKIE = '__Host-console-session';
export type CookieName = typeof SESSION_COOKIE | typeof CONSOLE_COOKIE;
const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Strict';

export const sessionCookie = (token: string, persistent: boolean, expiresAt: string, name: CookieName = SESSION_COOKIE, now = Date.now()): string =>
  `${name}=${token}; ${ATTRIBUTES}${persistent ? `; Max-Age=${Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000))}` : ''}`;

export const clearedSessionCookie = (name: CookieName = SESSION_COOKIE): string => `${name}=; ${ATTRIBUTES}; Max-Age=0`;

/** A session cookie's value, if the request carries one (payload 2.0 puts cookies in `cookies`, not a header). */
export const sessionCookieOf = (event: APIGatewayProxyEventV2, name: CookieName = SESSION_COOKIE): string | undefined => {
  const pairs = event.cookies ?? (event.headers?.cookie ?? '').split(';');
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim() || undefined;
  }
  return undefined;
};
