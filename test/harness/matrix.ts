/**
 * The authorization matrix's vocabulary (test/authorization-matrix.test.ts): what each kind of caller gets, by profile,
 * and the fixtures the rows call routes on (a refused message, a comment, uploads, an identity provider...).
 */
import { randomBytes } from 'node:crypto';
import { processInboundMail } from '#domain/inbound-mail';
import { mailDomain } from '#mail/ses';
import { uniqueEmail, type CallOptions } from './app';
import { uniqueDomain } from './desks';
import { CALLERS, callAs, type CallerKind, type World } from './world';
import { PNG, uploadOne, type TestFile } from './attachments';

/** How a route is called as one kind of caller. */
export const as = callAs;

export type Outcomes = Record<CallerKind, number>;
export interface Call {
  path: string;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  upload?: TestFile[];
}
export interface Row {
  /** `caller`: who will make the call, for rows whose call needs something of their own (an upload). */
  call: (w: World, caller: CallerKind) => Call | Promise<Call>;
  expect: Outcomes;
  /** The route ends the session it is called with: each customer calls with a session of their own made for it. */
  endsSession?: true;
}

// ---- Profiles: who gets what -----------------------------------------------------------------------------------
export const BROKEN = { anonymous: 401, wrongToken: 401, malformed: 401, forgedBearer: 401 } as const;
export const CUSTOMERS = ['reporter', 'participant', 'linkedMember', 'customer', 'outsider', 'unlinkedMember'] as const;
export const customersGet = (status: number) => Object.fromEntries(CUSTOMERS.map((c) => [c, status])) as Record<(typeof CUSTOMERS)[number], number>;

/** Anyone, with or without credentials (public routes ignore the Authorization header). */
export const everyone = (s: number): Outcomes => Object.fromEntries(CALLERS.map((c) => [c, s])) as Outcomes;
export const adminOnly = (s: number): Outcomes => ({ ...BROKEN, admin: s, agent: 403, otherAgent: 403, consoleAgent: 403, ...customersGet(403) });
/** Any staff member (with an API token or the console's session alike). */
export const staff = (s: number): Outcomes => ({ ...BROKEN, admin: s, agent: s, otherAgent: s, consoleAgent: s, ...customersGet(403) });
/** Admins and the agents of desk R (or of what is linked to it). */
export const agentsOfR = (s: number): Outcomes => ({ ...staff(s), otherAgent: 403 });
export const signedIn = (s: number): Outcomes => ({ ...BROKEN, admin: s, agent: s, otherAgent: s, consoleAgent: s, ...customersGet(s) });
/** Customer routes: staff credentials are refused, and the console's cookie is not even read (no credentials). */
export const customersOnly = (s: number): Outcomes => ({ ...BROKEN, admin: 403, agent: 403, otherAgent: 403, consoleAgent: 401, ...customersGet(s) });
/** The console's own session: only a caller who came with it has one. */
export const consoleSession = (s: number): Outcomes => ({ ...staff(401), consoleAgent: s });
/** Desk R as a desk: its agents, and the customers who may use it; to others it does not exist. */
export const usersOfR = (s: number): Outcomes => ({
  ...agentsOfR(s), reporter: s, participant: s, linkedMember: s, customer: s, outsider: 404, unlinkedMember: 404,
});
/** Request Q, by the access rule: everyone who may not see it gets 404, as if it did not exist. */
export const viewersOfQ = (s: number): Outcomes => ({
  ...BROKEN, admin: s, agent: s, consoleAgent: s, otherAgent: 404, reporter: s, participant: s, linkedMember: s, customer: 404, outsider: 404, unlinkedMember: 404,
});

// ---- The table -------------------------------------------------------------------------------------------------
export const request = (w: World, key = w.Q.issueKey) => `/rest/servicedeskapi/request/${key}`;
export const desk = (w: World) => `/rest/servicedeskapi/servicedesk/${w.R.id}`;
export const org = (w: World) => `/rest/servicedeskapi/organization/${w.L.id}`;
export const customer = async (w: World, path: (id: string) => string) => ({ path: path((await w.freshCustomer()).accountId) });

export const refusedMailId = async (w: World): Promise<string> => {
  const raw = Buffer.from(`From: Stranger <${uniqueEmail('stranger')}>\r\nTo: ${w.R.projectKey.toLowerCase()}@${mailDomain()}\r\nSubject: Let me in\r\n\r\nPlease.\r\n`);
  const { entry } = await processInboundMail({
    sesMessageId: randomBytes(20).toString('hex'), raw, recipients: [`${w.R.projectKey.toLowerCase()}@${mailDomain()}`],
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  });
  if (entry.outcome !== 'rejected') throw new Error(`expected a refused message, got ${entry.outcome}`);
  return entry.id;
};

let commentOnQ: string | undefined;
/** A public comment on Q, made once by the admin. */
export const publicCommentOnQ = async (w: World): Promise<string> => {
  commentOnQ ??= (await w.app.call('POST', `${request(w)}/comment`, { body: { body: 'A public answer', public: true } })).body.id as string;
  return commentOnQ;
};

/** A fresh request like Q, resolved by its reporter; rated 4 by them when `rated`. */
export const resolvedRequest = async (w: World, rated = false): Promise<string> => {
  const key = await w.freshRequest();
  const reporter = w.as.reporter as CallOptions['as'];
  const resolved = await w.app.call('POST', `${request(w, key)}/transition`, { as: reporter, body: { id: '3' } });
  if (resolved.status !== 204) throw new Error(`resolve: ${resolved.status}`);
  if (rated) await w.app.call('POST', `${request(w, key)}/feedback`, { as: reporter, body: { rating: 4 } });
  return key;
};
/** A fresh request like Q, resolved and then closed by the admin. */
export const closedRequest = async (w: World): Promise<string> => {
  const key = await resolvedRequest(w);
  const closed = await w.app.call('POST', `${request(w, key)}/transition`, { body: { id: '4' } });
  if (closed.status !== 204) throw new Error(`close: ${closed.status}`);
  return key;
};
/** An upload of the caller's own to desk R, or (for callers who may not upload there) one of the admin's. */
export const uploadFor = async (w: World, caller: CallerKind): Promise<string> =>
  (await uploadOne(w.app, as(w.as[caller]), w.R.id)) ?? (await uploadOne(w.app, { as: w.app.admin }, w.R.id))!;

let attachedToQ: { commentId: string; attachmentId: string } | undefined;
/** A public comment with an image on Q, made once by the admin. */
export const attachmentOnQ = async (w: World) => {
  if (!attachedToQ) {
    const id = await uploadOne(w.app, { as: w.app.admin }, w.R.id, { name: 'photo.png', type: 'image/png', bytes: PNG });
    const { body } = await w.app.call('POST', `${request(w)}/attachment`, { body: { temporaryAttachmentIds: [id] } });
    attachedToQ = { commentId: body.comment.id, attachmentId: new URL(body.attachments.values[0]._links.content).pathname.split('/').pop()! };
  }
  return attachedToQ;
};

/** A presigned POST of the caller's own, its file posted to S3 (or the admin's, for callers who may not upload to R). */
export const postedUpload = async (w: World, caller: CallerKind): Promise<string> => {
  const create = (who: CallOptions) => w.app.call('POST', `/rest/portal/1/servicedesk/${w.R.id}/upload`, { ...who, body: { fileName: 'big.txt', size: 5 } });
  let form = await create(as(w.as[caller]));
  if (form.status !== 201) form = await create({ as: w.app.admin });
  const post = new FormData();
  for (const [name, value] of Object.entries(form.body.fields as Record<string, string>)) post.append(name, value);
  post.append('file', new Blob([Buffer.from('hello')]), 'big.txt');
  await fetch(form.body.url, { method: 'POST', body: post });
  return form.body.temporaryAttachmentId as string;
};

export const uniqueProviderId = () => `idp-${randomBytes(4).toString('hex')}`;
export const providerBody = () => ({ issuer: 'https://idp.example.test', clientId: 'service-desk', clientSecret: 'a secret', domains: [uniqueDomain()] });
let sharedProvider: string | undefined;
/** An identity provider made by the admin: one shared for reading, or a fresh one (to delete). */
export const identityProvider = async (w: World, fresh = false): Promise<string> => {
  if (!fresh && sharedProvider) return sharedProvider;
  const id = uniqueProviderId();
  const made = await w.app.call('PUT', `/rest/admin/1/identityprovider/${id}`, { body: providerBody() });
  if (made.status !== 201) throw new Error(`identity provider: ${made.status}`);
  if (!fresh) sharedProvider = id;
  return id;
};

/** Feedback is the reporter's: others who may see the request get 403, the rest 404. */
export const reporterOfQ = (s: number): Outcomes => ({ ...viewersOfQ(403), reporter: s });
