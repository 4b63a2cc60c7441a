/**
 * The console's typed API client: one function per call, to the same /rest API every client uses (no console-only
 * way in), in the staff session's cookie with its CSRF token on writes (web/http.ts). The API decides what a caller
 * may do; the console hides what it refuses. Staff-session calls here; the directory, desks and the rest in api-*.ts.
 */
import { createClient } from '../../web/http';
import type { ConsoleSession, Staff } from './api-shapes';

export { ApiError } from '../../web/http';
export type * from './api-shapes';

const client = createClient<ConsoleSession>('The console cannot reach the API: check your connection and try again.');
export const { call } = client;
export const session = client.session;

export const CONSOLE = '/rest/console/1';
export const ADMIN = '/rest/admin/1';
export const JSM = '/rest/servicedeskapi';
export const ref = encodeURIComponent;

/** A query string of the values given (empty ones left out). */
export const query = (params: Record<string, string | number | undefined>): string => {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') q.set(name, String(value));
  const s = q.toString();
  return s ? `?${s}` : '';
};

const opened = (answer: ConsoleSession) => session.set(answer)!;

/** Who is signed in, from the cookie; null when nobody (or the session is over). */
export const loadSession = () => client.loadSession(`${CONSOLE}/session`);
export const me = (): Staff | undefined => session.current()?.staff;
export const isAdmin = () => me()?.role === 'admin';

export const signIn = async (email: string, password: string, keepSignedIn: boolean) =>
  opened(await call<ConsoleSession>('POST', `${CONSOLE}/session`, { email, password, keepSignedIn }));
export const signOut = () => client.signOut(`${CONSOLE}/session`);
/** Sets the password from a mailed link (a new staff member's, or a reset) and signs in. */
export const setPassword = async (token: string, password: string, keepSignedIn: boolean) =>
  opened(await call<ConsoleSession>('POST', `${CONSOLE}/password`, { token, password, keepSignedIn }));
export const forgotPassword = (email: string) => call<void>('POST', `${CONSOLE}/password/forgot`, { email });
export const changePassword = (currentPassword: string, newPassword: string) => call<void>('POST', `${CONSOLE}/password/change`, { currentPassword, newPassword });
/** A new API token for scripts, shown once; the old one stops working, and so do this account's other sessions. */
export const rotateToken = (accountId: string) => call<{ accountId: string; apiToken: string }>('POST', `${ADMIN}/staff/${ref(accountId)}/token`);
