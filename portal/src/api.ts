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
export interface Attachment {
  filename: string;
  mimeType: string;
  size: number;
  author: User;
  created: JsmDate;
  _links: { content: string; thumbnail?: string };
}
interface TemporaryAttachments {
  temporaryAttachments: Array<{ temporaryAttachmentId: string; fileName: string }>;
}
interface UploadForm {
  temporaryAttachmentId: string;
  url: string;
  fields: Record<string, string>;
}

// ---- Transport ---------------------------------------------------------------------------------------------------

/** One call to the API with the session; a JSON body, or a form (multipart, the browser sets its boundary). */
const send = async (method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Response> => {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  const token = session.get();
  if (token) headers.authorization = `Bearer ${token}`;
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  // credentials 'omit': the session travels in the Authorization header, and the API's 401s carry
  // `WWW-Authenticate: Basic`, which would otherwise open the browser's own sign-in dialog.
  try {
    return await fetch(path, { method, headers, credentials: 'omit', body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError('The help center cannot be reached: check your connection and try again.', 0);
  }
};

const call = async <T>(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<T> => {
  const token = session.get();
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

// ---- Attachments (JSM's two steps: upload to the desk, then attach to the request with a comment) ----------------

/** What one upload through the API may carry (the API takes 4 MB a call; room left for the form's framing). */
const API_UPLOAD_BYTES = 4 * 1024 * 1024 - 64 * 1024;
const FILES_PER_UPLOAD = 10;

/** Small files in calls of up to 10 files and ~4 MB each. */
const batches = (files: File[]): File[][] => {
  const out: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length === FILES_PER_UPLOAD || bytes + f.size > API_UPLOAD_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.size;
  }
  if (current.length > 0) out.push(current);
  return out;
};

/** A file too large for the API: a presigned POST straight to S3, then its registration. */
const uploadLarge = async (deskId: string, file: File): Promise<string> => {
  const form = await call<UploadForm>('POST', `${PORTAL}/servicedesk/${ref(deskId)}/upload`, { fileName: file.name, size: file.size });
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', file);
  const posted = await fetch(form.url, { method: 'POST', body, credentials: 'omit' }).catch(() => undefined);
  if (!posted?.ok) throw new ApiError(`"${file.name}" could not be uploaded; try again.`, posted?.status ?? 0);
  await call<TemporaryAttachments>('POST', `${PORTAL}/upload/${ref(form.temporaryAttachmentId)}`);
  return form.temporaryAttachmentId;
};

/** Uploads files to a desk as temporary attachments; their ids, in order. */
export const uploadFiles = async (deskId: string, files: File[]): Promise<string[]> => {
  const ids: string[] = [];
  for (const batch of batches(files.filter((f) => f.size <= API_UPLOAD_BYTES))) {
    const body = new FormData();
    for (const f of batch) body.append('file', f, f.name);
    const answer = await call<TemporaryAttachments>('POST', `${JSM}/servicedesk/${ref(deskId)}/attachTemporaryFile`, body, { 'x-atlassian-token': 'no-check' });
    ids.push(...answer.temporaryAttachments.map((t) => t.temporaryAttachmentId));
  }
  for (const f of files.filter((f) => f.size > API_UPLOAD_BYTES)) ids.push(await uploadLarge(deskId, f));
  return ids;
};

export const attachFiles = (key: string, temporaryAttachmentIds: string[], comment?: string) =>
  call<{ comment: Comment; attachments: Page<Attachment> }>('POST', `${JSM}/request/${ref(key)}/attachment`, {
    temporaryAttachmentIds,
    public: true,
    ...(comment ? { additionalComment: { body: comment } } : {}),
  });
export const listAttachments = (key: string) => call<Page<Attachment>>('GET', `${JSM}/request/${ref(key)}/attachment?limit=100`);

/** The file's bytes (the API checks access, then redirects to a short-lived link), saved under its name. */
export const downloadAttachment = async (attachment: Attachment): Promise<void> => {
  const response = await send('GET', new URL(attachment._links.content).pathname);
  if (!response.ok) throw new ApiError(`"${attachment.filename}" could not be downloaded (HTTP ${response.status}).`, response.status);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = attachment.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** A request field's value as text ('' when absent). */
export const fieldValue = (r: CustomerRequest, id: string): string => String(r.requestFieldValues.find((f) => f.fieldId === id)?.value ?? '');
