/**
 * The typed API client: one function per call the portal makes, answering the JSM (or portal) shape it documents.
 * JSON in and out, the session in the Authorization header, failures as ApiError with the API's own message.
 */

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
  token: string;
  expiresAt: string;
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

const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
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
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed ?? {}) as { errorMessage?: unknown; message?: unknown };
    const message = error.errorMessage ?? error.message ?? `The request failed (HTTP ${response.status}).`;
    if (response.status === 401 && token) session.clear();
    throw new ApiError(String(message), response.status);
  }
  return parsed as T;
};

const PORTAL = '/rest/portal/1';
const JSM = '/rest/servicedeskapi';
const ref = encodeURIComponent;

// ---- Calls -------------------------------------------------------------------------------------------------------

export const signIn = (email: string, password: string) => call<SessionAnswer>('POST', `${PORTAL}/login`, { email, password });
export const acceptInvitation = (body: { token: string; password: string; displayName?: string }) =>
  call<SessionAnswer>('POST', `${PORTAL}/invitation/accept`, body);
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
