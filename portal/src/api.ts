/**
 * The typed API client: one function per call the portal makes, answering the JSM (or portal) shape it documents.
 * JSON in and out, the session in its cookie (writes add its CSRF token), failures as ApiError with the API's own message.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * What the pages know of their session. The session itself is an HttpOnly cookie no script can read; the pages hold
 * when it ends and the CSRF token every write carries. Every tab learns them from GET session.
 */
export interface PortalSession {
  expiresAt: string;
  persistent: boolean;
  csrfToken?: string;
}

let current: PortalSession | null = null;
let onEnded: () => void = () => undefined;

export const session = {
  current: (): PortalSession | null => current,
  /** Called when a call finds the session over (expired, signed out elsewhere, suspended). */
  whenEnded: (listener: () => void) => {
    onEnded = listener;
  },
  /** Forgets the session in this tab (it is already over on the server, or is being ended). */
  forget: () => {
    current = null;
  },
};

// ---- Shapes (the API's answers, as far as the portal reads them) -----------------------------------------------

export interface JsmDate {
  iso8601: string;
  friendly: string;
  epochMillis: number;
}
export interface Page<T> {
  size: number;
  start: number;
  limit: number;
  isLastPage: boolean;
  values: T[];
}
export interface User {
  accountId: string;
  displayName?: string;
  emailAddress?: string;
}
export interface Me extends User {
  status: string;
  accountType: string;
}
export interface SessionAnswer {
  expiresAt: string;
  persistent: boolean;
  csrfToken: string;
}
export interface Desk {
  id: string;
  projectName: string;
  projectKey: string;
}
export interface RequestType {
  id: string;
  name: string;
  description?: string;
  helpText?: string;
}
export interface FieldValue {
  fieldId: string;
  label?: string;
  value: unknown;
}
export interface CustomerRequest {
  issueId: string;
  issueKey: string;
  serviceDeskId: string;
  requestTypeId: string;
  createdDate: JsmDate;
  reporter: User;
  requestFieldValues: FieldValue[];
  currentStatus: { status: string; statusCategory: string; statusDate: JsmDate };
}
export interface Comment {
  id: string;
  body: string;
  public: boolean;
  author: User;
  created: JsmDate;
}
export type Ownership = 'OWNED_REQUESTS' | 'PARTICIPATED_REQUESTS' | 'ALL_ORGANIZATIONS';

// ---- Transport ---------------------------------------------------------------------------------------------------

const SAFE = new Set(['GET', 'HEAD']);

const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE.has(method) && current?.csrfToken) headers['x-csrf-token'] = current.csrfToken;
  let response: Response;
  // credentials 'same-origin': the session cookie goes with every call to this origin, and only to it.
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('The help center cannot be reached: check your connection and try again.', 0);
  }
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

const PORTAL = '/rest/portal/1';
const JSM = '/rest/servicedeskapi';
const ref = encodeURIComponent;

// ---- Calls -------------------------------------------------------------------------------------------------------

const opened = (answer: SessionAnswer): PortalSession => (current = answer);

/** The session this tab's cookie carries, or null when there is none (or it is over). */
export const loadSession = async (): Promise<PortalSession | null> => {
  try {
    current = await call<PortalSession>('GET', `${PORTAL}/session`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    current = null;
  }
  return current;
};
export const signIn = async (email: string, password: string, keepSignedIn: boolean) =>
  opened(await call<SessionAnswer>('POST', `${PORTAL}/login`, { email, password, keepSignedIn, cookie: true }));
export const acceptInvitation = async (body: { token: string; password: string; displayName?: string; keepSignedIn: boolean }) =>
  opened(await call<SessionAnswer>('POST', `${PORTAL}/invitation/accept`, { ...body, cookie: true }));
/** Ends the session on the server (and clears the cookie); a session already over is signed out all the same. */
export const signOut = async (): Promise<void> => {
  try {
    await call<void>('DELETE', `${PORTAL}/session`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  } finally {
    current = null;
  }
};
/** Whether an email signs in through its company's identity provider (where to go, and the PKCE verifier to keep) or with a password. */
export type SignInStart = { method: 'password' } | { method: 'sso'; authorizationUrl: string; codeVerifier: string };
export const startSignIn = (email: string) => call<SignInStart>('POST', `${PORTAL}/sso/start`, { email });
/** Back from the identity provider: the same session as a password sign-in, as the cookie. */
export const completeSignIn = async (body: { state: string; code: string; iss?: string; codeVerifier?: string; keepSignedIn: boolean }) =>
  opened(await call<SessionAnswer>('POST', `${PORTAL}/sso/complete`, { ...body, cookie: true }));
export const signUp = (body: { email: string; displayName: string; serviceDeskId?: string }) => call<unknown>('POST', `${PORTAL}/signup`, body);
export const forgotPassword = (email: string) => call<unknown>('POST', `${PORTAL}/password/forgot`, { email });
export const resetPassword = (token: string, password: string) => call<void>('POST', `${PORTAL}/password/reset`, { token, password });
export const me = () => call<Me>('GET', `${PORTAL}/me`);
export const myDesks = () => call<Page<Desk>>('GET', `${PORTAL}/servicedesk?limit=100`);

export const requestTypes = (deskId: string) => call<Page<RequestType>>('GET', `${JSM}/servicedesk/${ref(deskId)}/requesttype?limit=100`);
export const createRequest = (body: { serviceDeskId: string; requestTypeId: string; requestFieldValues: Record<string, unknown> }) =>
  call<CustomerRequest>('POST', `${JSM}/request`, body);
export const listRequests = (ownership: Ownership) => call<Page<CustomerRequest>>('GET', `${JSM}/request?requestOwnership=${ownership}&limit=50`);
export const getRequest = (key: string) => call<CustomerRequest>('GET', `${JSM}/request/${ref(key)}`);
export const listComments = (key: string) => call<Page<Comment>>('GET', `${JSM}/request/${ref(key)}/comment?limit=100`);
export const addComment = (key: string, body: string) => call<Comment>('POST', `${JSM}/request/${ref(key)}/comment`, { body, public: true });

/** A request field's value as text ('' when absent). */
export const fieldValue = (r: CustomerRequest, id: string): string => String(r.requestFieldValues.find((f) => f.fieldId === id)?.value ?? '');
