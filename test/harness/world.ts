/**
 * A small world for the authorization matrix, built through the public API: two restricted desks and an open one,
 * agents of each, customers related in every way to one request, and the kinds of caller that try each route.
 *
 *   desk R (restricted) : agent `agent`; direct customers `reporter`, `customer`, `participant`; organization L linked
 *   desk X (restricted) : agent `otherAgent`; direct customer `outsider`; organization U linked
 *   desk O (open)       : for sign-up
 *   request Q on R      : raised by `reporter`, shared with L, `participant` added; `linkedMember` is in L,
 *                         `unlinkedMember` in U
 *   `consoleAgent`      : another agent of R, signed in to the staff console (its cookie and CSRF token, no API token)
 */
import { randomBytes } from 'node:crypto';
import { uniqueEmail, type Bearer, type CallOptions, type Credentials, type TestApp } from '#harness/app';
import { addDeskCustomers, addMembers, createAgent, createDesk, createOrganization, linkOrganization, uniqueName, type Desk, type Organization } from '#harness/desks';
import { bearer, inviteOne, lastMail, linkToken, signIn, signedInCustomer } from '#harness/portal';
import { consoleLinkToken, staffInConsole, withConsole, type ConsoleSession } from '#harness/console';

export const CALLERS = [
  'anonymous', 'wrongToken', 'malformed', 'forgedBearer',
  'admin', 'agent', 'otherAgent', 'consoleAgent',
  'reporter', 'participant', 'linkedMember', 'customer', 'outsider', 'unlinkedMember',
] as const;
export type CallerKind = (typeof CALLERS)[number];

export interface World {
  app: TestApp;
  R: Desk;
  X: Desk;
  O: Desk;
  L: Organization;
  U: Organization;
  requestTypeId: string;
  /** The request everyone is related to in their own way (read-only routes use it). */
  Q: { issueKey: string };
  ids: Record<'agent' | 'otherAgent' | 'reporter' | 'participant' | 'linkedMember' | 'customer', string>;
  customerEmail: string;
  /** The console agent's email; its password is the harness's PASSWORD. */
  consoleAgentEmail: string;
  as: Record<CallerKind, CallOptions['as'] | { raw: string } | { console: ConsoleSession }>;
  /** A fresh request like Q: for routes that change what they touch. */
  freshRequest(): Promise<string>;
  /** A fresh portal-only customer (a direct customer of R when `ofR`). */
  freshCustomer(ofR?: boolean): Promise<{ accountId: string; emailAddress: string }>;
  freshOrganization(linkedTo?: Desk): Promise<Organization>;
  freshInvitation(): Promise<{ invitationId: string; token: string }>;
  freshResetToken(): Promise<string>;
  /** The token of a new staff member's set-password link. */
  freshStaffLink(): Promise<string>;
  /** For routes that end the session they are called with: a new session of the same caller (others as they are). */
  freshSessionOf(kind: CallerKind): Promise<World['as'][CallerKind]>;
}

const ok = <T>(step: string, answer: { status: number; body: T }, ...statuses: number[]): T => {
  if (!statuses.includes(answer.status)) throw new Error(`world: ${step}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
};

export const buildWorld = async (app: TestApp): Promise<World> => {
  const [R, X, O] = [await createDesk(app, 'restricted'), await createDesk(app, 'restricted'), await createDesk(app, 'open')];
  const [L, U] = [await createOrganization(app), await createOrganization(app)];
  await linkOrganization(app, R, L);
  await linkOrganization(app, X, U);
  const agent = await createAgent(app, R);
  const otherAgent = await createAgent(app, X);
  const consoleAgent = await staffInConsole(app, { desks: [R] });
  const [reporter, participant, customer] = [await signedInCustomer(app, R), await signedInCustomer(app, R), await signedInCustomer(app, R)];
  const outsider = await signedInCustomer(app, X);
  const [linkedMember, unlinkedMember] = [await signedInCustomer(app), await signedInCustomer(app)];
  await addMembers(app, L, [reporter.accountId, linkedMember.accountId]);
  await addMembers(app, U, [unlinkedMember.accountId]);
  const requestTypeId = ok('requestTypes', await app.call('GET', `/rest/servicedeskapi/servicedesk/${R.id}/requesttype`), 200).values[0].id as string;

  let raised = 0;
  const freshRequest = async (): Promise<string> => {
    // Each its own summary: the same request raised again within minutes is taken for a retry and answers the first.
    raised += 1;
    const body = { serviceDeskId: R.id, requestTypeId, requestFieldValues: { summary: `Printer on fire ${raised}`, organizationId: L.id } };
    const { issueKey } = ok('raise', await app.call('POST', '/rest/servicedeskapi/request', { as: bearer(reporter.session), body }), 201);
    const path = `/rest/servicedeskapi/request/${issueKey}/participant`;
    ok('participant', await app.call('POST', path, { body: { accountIds: [participant.accountId] } }), 200);
    return issueKey as string;
  };
  const freshCustomer = async (ofR = false) => {
    const created = await app.createCustomer(uniqueEmail('fresh'));
    if (ofR) await addDeskCustomers(app, R, [created.accountId]);
    return created;
  };
  const freshOrganization = async (linkedTo?: Desk) => {
    const org = await createOrganization(app, uniqueName('Fresh'));
    if (linkedTo) await linkOrganization(app, linkedTo, org);
    return org;
  };
  const freshResetToken = async () => {
    const { emailAddress } = await freshCustomer();
    ok('forgot', await app.call('POST', '/rest/portal/1/password/forgot', { as: null, body: { email: emailAddress } }), 202);
    return linkToken(await lastMail(app, emailAddress), 'password/reset');
  };

  const staff = (c: Credentials) => c;
  const customerEmails: Partial<Record<CallerKind, string>> = {
    reporter: reporter.email, participant: participant.email, linkedMember: linkedMember.email, customer: customer.email,
    outsider: outsider.email, unlinkedMember: unlinkedMember.email,
  };
  const freshSessionOf = async (kind: CallerKind) => {
    // A console session of its own: another agent of R, so that ending it (or every other one) leaves the world's.
    if (kind === 'consoleAgent') return { console: (await staffInConsole(app, { desks: [R] })).session };
    const email = customerEmails[kind];
    if (!email) return world.as[kind];
    return bearer(ok('sign in again', await signIn(app, email), 200));
  };
  const world: World = {
    app, R, X, O, L, U, requestTypeId,
    Q: { issueKey: await freshRequest() },
    ids: {
      agent: agent.accountId, otherAgent: otherAgent.accountId, reporter: reporter.accountId, participant: participant.accountId,
      linkedMember: linkedMember.accountId, customer: customer.accountId,
    },
    customerEmail: customer.email,
    consoleAgentEmail: consoleAgent.email,
    as: {
      anonymous: null,
      wrongToken: { email: app.admin.email, token: randomBytes(32).toString('base64url') },
      malformed: { raw: 'Basic !!!not-base64' },
      forgedBearer: { raw: `Bearer ${forgedJwt()}` },
      admin: staff(app.admin),
      agent: staff(agent),
      otherAgent: staff(otherAgent),
      consoleAgent: { console: consoleAgent.session },
      reporter: bearer(reporter.session) as Bearer,
      participant: bearer(participant.session),
      linkedMember: bearer(linkedMember.session),
      customer: bearer(customer.session),
      outsider: bearer(outsider.session),
      unlinkedMember: bearer(unlinkedMember.session),
    },
    freshRequest,
    freshCustomer,
    freshOrganization,
    freshInvitation: async () => {
      const { invitationId, token } = await inviteOne(app, { serviceDeskId: R.id });
      return { invitationId, token };
    },
    freshResetToken,
    freshStaffLink: async () => consoleLinkToken(await lastMail(app, (await app.createStaff('agent')).email), 'set-password'),
    freshSessionOf,
  };
  return world;
};

/** Call options for one kind of caller: its credentials, a raw Authorization header, or the console's cookie. */
export const callAs = (who: World['as'][CallerKind]): CallOptions => {
  if (who && 'raw' in who) return { as: null, headers: { authorization: who.raw } };
  if (who && 'console' in who) return withConsole(who.console);
  return { as: who };
};

/** A well-formed session token signed with a key that is not ours, naming nobody. */
const forgedJwt = (): string => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({ sub: 'someone', epoch: 0, iss: 'service-desk-portal' })}.${randomBytes(32).toString('base64url')}`;
};
