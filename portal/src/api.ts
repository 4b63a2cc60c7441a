/** The API as the portal calls it: JSON, the session in the Authorization header, errors as ApiError. */
import { h } from './dom';

const SESSION_KEY = 'portal.session';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export const session = {
  get: (): string | null => sessionStorage.getItem(SESSION_KEY),
  set: (token: string) => sessionStorage.setItem(SESSION_KEY, token),
  clear: () => sessionStorage.removeItem(SESSION_KEY),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const api = async (method: string, path: string, body?: unknown): Promise<Json> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = session.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  // credentials 'omit': the session travels in the Authorization header, and the API's 401s carry
  // `WWW-Authenticate: Basic`, which would otherwise open the browser's own sign-in dialog.
  try {
    response = await fetch(path, { method, headers, credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('The help center cannot be reached: check your connection and try again.', 0);
  }
  const text = await response.text();
  let parsed: Json = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const message = parsed?.errorMessage ?? parsed?.message ?? `The request failed (HTTP ${response.status}).`;
    if (response.status === 401 && token) session.clear();
    throw new ApiError(String(message), response.status);
  }
  return parsed;
};

export const errorBox = (error: unknown): HTMLElement =>
  h('div', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));
