/**
 * The transport of the portal and the console: JSON to the same-origin API, the session in its HttpOnly cookie
 * (`credentials: 'same-origin'`: it goes with every call to this origin, and only to it), the CSRF token on every
 * write, failures as ApiError with the API's own message. A 401 while signed in ends the session in this tab.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** What a page knows of its session: when it ends, and the CSRF token writes carry (the cookie itself no script reads). */
export interface KnownSession {
  expiresAt: string;
  csrfToken?: string;
}

const SAFE = new Set(['GET', 'HEAD']);

/** A client for one app: its session in this tab, and `send`/`call` that carry it. */
export const createClient = <S extends KnownSession>(unreachable: string) => {
  let current: S | null = null;
  let onEnded: () => void = () => undefined;

  const session = {
    current: (): S | null => current,
    /** Remembers a session the API just opened (or read). */
    set: (opened: S | null): S | null => (current = opened),
    /** Called when a call finds the session over (expired, signed out elsewhere, suspended). */
    whenEnded: (listener: () => void) => {
      onEnded = listener;
    },
    /** Forgets the session in this tab (it is already over on the server, or is being ended). */
    forget: () => {
      current = null;
    },
  };

  /** One call to the API in this tab's session; a JSON body, or a form (multipart: the browser sets its boundary). */
  const send = async (method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    const isForm = body instanceof FormData;
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    if (!SAFE.has(method) && current?.csrfToken) headers['x-csrf-token'] = current.csrfToken;
    try {
      return await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
    } catch {
      throw new ApiError(unreachable, 0);
    }
  };

  /** A call answering JSON (or nothing); a failure throws ApiError with the API's message. */
  const call = async <T>(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<T> => {
    const response = await send(method, path, body, extraHeaders);
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (parsed ?? {}) as { errorMessage?: unknown; message?: unknown };
      const message = error.errorMessage ?? error.message ?? `The request failed (HTTP ${response.status}).`;
      if (response.status === 401 && current) {
        current = null;
        onEnded();
      }
      throw new ApiError(String(message), response.status);
    }
    return parsed as T;
  };

  /** The session the cookie carries (GET `path`), or null when there is none or it is over. */
  const loadSession = async (path: string): Promise<S | null> => {
    try {
      current = await call<S>('GET', path);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      current = null;
    }
    return current;
  };

  /** Ends the session on the server (DELETE `path`, which clears the cookie); a session already over is signed out all the same. */
  const signOut = async (path: string): Promise<void> => {
    try {
      await call<void>('DELETE', path);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    } finally {
      current = null;
    }
  };

  return { session, send, call, loadSession, signOut };
};
