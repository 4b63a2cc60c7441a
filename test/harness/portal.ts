/**
 * Setup for the invitation and portal tests, through the public API only: inviting, reading the links out of the
 * mails the local SES received, accepting, signing in, and reading a customer's desks.
 */
import { uniqueEmail, type Answer, type Bearer, type Credentials, type SentMail, type TestApp } from '#harness/app';
import type { Desk, JsmPage } from '#harness/desks';

export const PORTAL_URL = 'http://portal.test/portal';
export const PASSWORD = 'correct horse battery';

export interface InviteResult {
  email: string;
  outcome: 'invited' | 'resent' | 'already-active' | 'suspended' | 'invalid';
  accountId?: string;
  invitationId?: string;
}

export interface Invitation {
  id: string;
  email: string;
  accountId: string;
  serviceDeskId: string | null;
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
  expiresAt: { iso8601: string; epochMillis: number };
  sesMessageId: string | null;
  resendsInLast24Hours: number;
}

export interface Session {
  token: string;
  expiresAt: string;
}

/** The token of the portal link `PORTAL_URL/<path>?token=...` in a mail's text; the HTML must carry the same link. */
export const linkToken = (mail: SentMail | undefined, path: 'invitation/accept' | 'password/reset'): string => tokenOfLink(mail, `${PORTAL_URL}/${path}?token=`);

/** The token of the link starting with `prefix` in a mail's text; the HTML must carry the same link. */
export const tokenOfLink = (mail: SentMail | undefined, prefix: string): string => {
  const match = new RegExp(`${prefix.replace(/[.?/]/g, '\\$&')}([A-Za-z0-9_%-]+)`).exec(mail?.body.text ?? '');
  if (!match?.[1]) throw new Error(`no ${prefix} link in: ${mail?.body.text}`);
  expect(mail?.body.html).toContain(`${prefix}${match[1]}`);
  return decodeURIComponent(match[1]);
};

/** The newest mail the local SES received for this address. */
export const lastMail = async (app: TestApp, address: string): Promise<SentMail | undefined> => (await app.inbox(address)).at(-1);

interface InviteOptions {
  serviceDeskId?: string;
  expiresInDays?: number;
  as?: Credentials;
}

/** POST /rest/admin/1/invitation, which must answer 200; the results, one per email. */
export const invite = async (app: TestApp, emails: string[], { as, ...body }: InviteOptions = {}): Promise<InviteResult[]> => {
  const answer = await app.call('POST', '/rest/admin/1/invitation', { body: { emails, ...body }, ...(as ? { as } : {}) });
  if (answer.status !== 200) throw new Error(`invite: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.results as InviteResult[];
};

/** Invites one new email and answers its invitation id, account id and the token of the mail's link. */
export const inviteOne = async (app: TestApp, options: InviteOptions = {}, email = uniqueEmail('invited')) => {
  const [result] = await invite(app, [email], options);
  if (result?.outcome !== 'invited' || !result.invitationId || !result.accountId) throw new Error(`inviteOne: ${JSON.stringify(result)}`);
  return { email, accountId: result.accountId, invitationId: result.invitationId, token: linkToken(await lastMail(app, email), 'invitation/accept') };
};

export const accept = (app: TestApp, token: string, password = PASSWORD, displayName?: string): Promise<Answer> =>
  app.call('POST', '/rest/portal/1/invitation/accept', { as: null, body: { token, password, ...(displayName ? { displayName } : {}) } });

export const signIn = (app: TestApp, email: string, password = PASSWORD): Promise<Answer> =>
  app.call('POST', '/rest/portal/1/login', { as: null, body: { email, password } });

export const getMe = (app: TestApp, session: Session): Promise<Answer> => app.call('GET', '/rest/portal/1/me', { as: bearer(session) });

export const bearer = (session: Session): Bearer => ({ bearer: session.token });

/** A customer who accepted an invitation (to the desk, if given) and holds the session it opened. */
export const signedInCustomer = async (app: TestApp, desk?: Desk) => {
  const invited = await inviteOne(app, desk ? { serviceDeskId: desk.id } : {});
  const answer = await accept(app, invited.token);
  if (answer.status !== 200) throw new Error(`accept: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { ...invited, session: answer.body as Session };
};

/** Invitations of one status (and desk), every page, as the admin or the given staff member. */
export const invitationsOf = async (app: TestApp, filter: string, as?: Credentials): Promise<Invitation[]> => {
  const answer = await app.call('GET', `/rest/admin/1/invitation?${filter}&limit=100`, as ? { as } : {});
  if (answer.status !== 200) throw new Error(`invitationsOf: ${answer.status} ${JSON.stringify(answer.body)}`);
  expect(answer.body.isLastPage).toBe(true);
  return answer.body.values as Invitation[];
};

/** The ids of the desks a customer may use (GET /rest/portal/1/servicedesk), following `_links.next` to the end. */
export const myDeskIds = async (app: TestApp, session: Session, limit = 100): Promise<string[]> => {
  const ids: string[] = [];
  let next: string | undefined = `/rest/portal/1/servicedesk?limit=${limit}`;
  for (let pages = 0; next !== undefined; pages += 1) {
    if (pages > 100) throw new Error('myDeskIds: more than 100 pages');
    const answer: Answer<JsmPage<Desk>> = await app.call('GET', next, { as: bearer(session) });
    if (answer.status !== 200) throw new Error(`myDeskIds: ${answer.status} ${JSON.stringify(answer.body)}`);
    ids.push(...answer.body.values.map((d) => d.id));
    const link = answer.body.isLastPage ? undefined : answer.body._links.next;
    if (!answer.body.isLastPage && link === undefined) throw new Error('myDeskIds: a page that is not the last has no next link');
    next = link === undefined ? undefined : new URL(link).pathname + new URL(link).search;
  }
  return ids;
};
