/**
 * The portal's session cookie: `__Host-` (Secure, Path=/, no Domain: only this origin can set or read it), HttpOnly
 * (no script reads it), SameSite=Strict (no other site's page sends it). A browser session has no Max-Age and ends
 * with the browser; "keep me signed in" gives it the session's lifetime. Browsers treat http://localhost as a secure
 * context, so the local gateway can set a Secure cookie without TLS.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export const SESSION_COOKIE = '__Host-portal-session';
const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Strict';

export const sessionCookie = (token: string, persistent: boolean, expiresAt: string, now = Date.now()): string =>
  `${SESSION_COOKIE}=${token}; ${ATTRIBUTES}${persistent ? `; Max-Age=${Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000))}` : ''}`;

export const clearedSessionCookie = (): string => `${SESSION_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`;

/** The session cookie's value, if the request carries one (payload 2.0 puts cookies in `cookies`, not a header). */
export const sessionCookieOf = (event: APIGatewayProxyEventV2): string | undefined => {
  const pairs = event.cookies ?? (event.headers?.cookie ?? '').split(';');
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) return pair.slice(eq + 1).trim() || undefined;
  }
  return undefined;
};
