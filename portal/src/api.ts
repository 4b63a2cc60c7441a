/**
 * The typed API client: one function per call the portal makes, answering the JSM (or portal) shape it documents.
 * JSON in and out, the session in its cookie (writes add its CSRF token), failures as ApiError with the API's own message.
 */
import { t } from './i18n';
import type { Page, User, Me, SessionAnswer, Desk, RequestType, CustomerRequest, Transition, Comment, RequestFilter, Attachment, TemporaryAttachments, UploadForm } from './api-shapes';
import { ApiError, createClient } from '../../web/http';
export type { JsmDate, Page, User, Me, SessionAnswer, Desk, RequestTypeField, RequestType, FieldValue, StatusEntry, CustomerRequest, Transition, Comment, Ownership, RequestFilter, Attachment } from './api-shapes';

export { ApiError };

/**
 * What the pages know of their session. The session itself is an HttpOnly cookie no script can read; the pages hold
 * when it ends and the CSRF token every write carries. Every tab learns them from GET session.
 */
export interface PortalSession {
  accountId: string;
  expiresAt: string;
  persistent: boolean;
  csrfToken?: string;
}

const client = createClient<PortalSession>(() => t('unreachable'));
const { send, call } = client;
export const session = client.session;

const PORTAL = '/rest/portal/1';
const JSM = '/rest/servicedeskapi';
const ref = encodeURIComponent;

// ---- Calls -------------------------------------------------------------------------------------------------------

const opened = (answer: SessionAnswer): PortalSession => session.set(answer)!;

/** The session this tab's cookie carries, or null when there is none (or it is over). */
export const loadSession = () => client.loadSession(`${PORTAL}/session`);
export const signIn = async (email: string, password: string, keepSignedIn: boolean) =>
  opened(await call<SessionAnswer>('POST', `${PORTAL}/login`, { email, password, keepSignedIn, cookie: true }));
export const acceptInvitation = async (body: { token: string; password: string; displayName?: string; keepSignedIn: boolean }) =>
  opened(await call<SessionAnswer>('POST', `${PORTAL}/invitation/accept`, { ...body, cookie: true }));
/** Ends the session on the server (and clears the cookie); a session already over is signed out all the same. */
export const signOut = () => client.signOut(`${PORTAL}/session`);
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
export const renameMe = (displayName: string) => call<Me>('PATCH', `${PORTAL}/me`, { displayName });
/** Members of one of the customer's organizations (names only): whom they may add to a request. */
export const fellowMembers = (organizationId: string) => call<Page<User>>('GET', `${PORTAL}/organization/${ref(organizationId)}/user?limit=100`);
export const myDesks = () => call<Page<Desk>>('GET', `${PORTAL}/servicedesk?limit=100`);
/** One desk, by id or by its project key. */
export const getDesk = (deskIdOrKey: string) => call<Desk>('GET', `${JSM}/servicedesk/${ref(deskIdOrKey)}`);

export const requestTypes = (deskId: string, withFields = false) =>
  call<Page<RequestType>>('GET', `${JSM}/servicedesk/${ref(deskId)}/requesttype?limit=100${withFields ? '&expand=field' : ''}`);
export const createRequest = (body: { serviceDeskId: string; requestTypeId: string; requestFieldValues: Record<string, unknown> }) =>
  call<CustomerRequest>('POST', `${JSM}/request`, body);
export const listRequests = (filter: RequestFilter) => {
  const query = new URLSearchParams({ limit: String(filter.limit ?? 20), start: String(filter.start ?? 0) });
  if (filter.ownership) query.set('requestOwnership', filter.ownership);
  if (filter.status) query.set('requestStatus', filter.status);
  if (filter.serviceDeskId) query.set('serviceDeskId', filter.serviceDeskId);
  if (filter.requestTypeId) query.set('requestTypeId', filter.requestTypeId);
  if (filter.searchTerm) query.set('searchTerm', filter.searchTerm);
  return call<Page<CustomerRequest>>('GET', `${JSM}/request?${query}`);
};
export const getRequest = (key: string) => call<CustomerRequest>('GET', `${JSM}/request/${ref(key)}?expand=requestType,serviceDesk,status`);
export const listTransitions = (key: string) => call<Page<Transition>>('GET', `${JSM}/request/${ref(key)}/transition`);
export const transition = (key: string, id: string) => call<void>('POST', `${JSM}/request/${ref(key)}/transition`, { id });
/** A new request on the same desk and type, linked to the closed one it follows up. */
export const raiseFollowUp = (key: string, body: { summary: string; description?: string }) =>
  call<CustomerRequest>('POST', `${PORTAL}/request/${ref(key)}/followup`, body);
export const listParticipants = (key: string) => call<Page<User>>('GET', `${JSM}/request/${ref(key)}/participant?limit=100`);
export const changeParticipants = (key: string, change: 'add' | 'remove', accountIds: string[]) =>
  call<Page<User>>(change === 'add' ? 'POST' : 'DELETE', `${JSM}/request/${ref(key)}/participant`, { accountIds });
/** Share the request with one of the reporter's organizations, or stop sharing it (null). */
export const shareRequest = (key: string, organizationId: string | null) => call<void>('PUT', `${PORTAL}/request/${ref(key)}/organization`, { organizationId });
export const notification = (key: string) => call<{ subscribed: boolean }>('GET', `${JSM}/request/${ref(key)}/notification`);
export const setNotification = (key: string, subscribed: boolean) => call<void>(subscribed ? 'PUT' : 'DELETE', `${JSM}/request/${ref(key)}/notification`);
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
  if (!posted?.ok) throw new ApiError(t('uploadFailed', { name: file.name }), posted?.status ?? 0);
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
  if (!response.ok) throw new ApiError(t('downloadFailed', { name: attachment.filename, status: response.status }), response.status);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = attachment.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** A request field's value as text ('' when absent). */
export const fieldValue = (r: CustomerRequest, id: string): string => String(r.requestFieldValues.find((f) => f.fieldId === id)?.value ?? '');
