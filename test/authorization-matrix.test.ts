/**
 * The authorization matrix: for every route of the route table and every kind of caller (test/harness/world.ts),
 * the status the caller gets, declared once in the table below and checked against the real stack. A route with no
 * row fails the test (and the type check: the table is a Record over every operation id).
 *
 * Each row says how to call the route (`call`: path and body, made afresh per caller where the call changes what it
 * touches) and what each caller gets (`expect`: one of the profiles, with overrides where a route differs).
 */
import { randomBytes } from 'node:crypto';
import { routeList, type OperationId } from '#routes/table';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { uniqueDomain, uniqueName, uniqueProjectKey } from '#harness/desks';
import { buildWorld, CALLERS, type World } from '#harness/world';
import { multipartBody } from '#harness/attachments';
import {
  as, type Outcomes, type Row, everyone, adminOnly, staff, agentsOfR, signedIn, customersOnly, usersOfR, viewersOfQ, request, desk, org, customer, refusedMailId, publicCommentOnQ, resolvedRequest, closedRequest, uploadFor, attachmentOnQ, postedUpload, uniqueProviderId, providerBody, identityProvider,
  reporterOfQ, consoleSession,
} from '#harness/matrix';
import { PASSWORD } from '#harness/portal';

const MATRIX: Record<OperationId, Row> = {
  getInfo: { call: () => ({ path: '/rest/servicedeskapi/info' }), expect: everyone(200) },
  getOpenApi: { call: () => ({ path: '/rest/openapi.json' }), expect: everyone(200) },

  createCustomer: { call: () => ({ path: '/rest/servicedeskapi/customer', body: { email: uniqueEmail(), displayName: 'New' } }), expect: adminOnly(201) },
  revokePortalAccess: { call: (w) => customer(w, (id) => `/rest/servicedeskapi/customer/user/${id}/revoke-portal-only-access`), expect: adminOnly(204) },
  listDirectory: { call: () => ({ path: '/rest/admin/1/customer' }), expect: adminOnly(200) },
  getCustomer: { call: (w) => ({ path: `/rest/admin/1/customer/${w.ids.reporter}` }), expect: adminOnly(200) },
  updateCustomer: { call: async (w) => ({ ...(await customer(w, (id) => `/rest/admin/1/customer/${id}`)), body: { displayName: 'Renamed' } }), expect: adminOnly(200) },
  anonymizeCustomer: { call: (w) => customer(w, (id) => `/rest/admin/1/customer/${id}`), expect: adminOnly(204) },
  restoreCustomer: { call: (w) => customer(w, (id) => `/rest/admin/1/customer/${id}/restore`), expect: adminOnly(204) },
  listAudit: { call: (w) => ({ path: `/rest/admin/1/audit?serviceDeskId=${w.R.id}` }), expect: agentsOfR(200) },

  createDesk: { call: () => ({ path: '/rest/admin/1/servicedesk', body: { projectKey: uniqueProjectKey(), projectName: 'New', access: 'restricted' } }), expect: adminOnly(201) },
  updateDesk: { call: (w) => ({ path: `/rest/admin/1/servicedesk/${w.R.id}`, body: { projectName: 'Desk R' } }), expect: adminOnly(200) },
  addDeskAgents: { call: (w) => ({ path: `/rest/admin/1/servicedesk/${w.R.id}/agent`, body: { accountIds: [w.ids.agent] } }), expect: adminOnly(204) },
  removeDeskAgents: {
    call: async (w) => ({ path: `/rest/admin/1/servicedesk/${w.R.id}/agent`, body: { accountIds: [(await w.app.createStaff('agent')).accountId] } }),
    expect: adminOnly(204),
  },
  createRequestType: { call: (w) => ({ path: `/rest/admin/1/servicedesk/${w.R.id}/requesttype`, body: { name: uniqueName('Type'), description: 'x' } }), expect: adminOnly(201) },

  listDesks: { call: () => ({ path: '/rest/servicedeskapi/servicedesk' }), expect: signedIn(200) },
  getDesk: { call: (w) => ({ path: desk(w) }), expect: usersOfR(200) },
  listRequestTypes: { call: (w) => ({ path: `${desk(w)}/requesttype` }), expect: usersOfR(200) },
  getRequestType: { call: (w) => ({ path: `${desk(w)}/requesttype/${w.requestTypeId}` }), expect: usersOfR(200) },
  listRequestTypeFields: { call: (w) => ({ path: `${desk(w)}/requesttype/${w.requestTypeId}/field` }), expect: usersOfR(200) },
  createJsmRequestType: { call: (w) => ({ path: `${desk(w)}/requesttype`, body: { name: uniqueName('Type'), issueTypeId: '10001' } }), expect: adminOnly(200) },
  deleteRequestType: {
    call: async (w) => {
      const created = await w.app.call('POST', `${desk(w)}/requesttype`, { body: { name: uniqueName('Doomed') } });
      return { path: `${desk(w)}/requesttype/${created.body.id}` };
    },
    expect: adminOnly(204),
  },
  listAllRequestTypes: { call: () => ({ path: '/rest/servicedeskapi/requesttype' }), expect: signedIn(200) },
  listRequestTypeGroups: { call: (w) => ({ path: `${desk(w)}/requesttypegroup` }), expect: usersOfR(200) },
  listDeskCustomers: { call: (w) => ({ path: `${desk(w)}/customer` }), expect: agentsOfR(200) },
  addDeskCustomers: { call: async (w) => ({ path: `${desk(w)}/customer`, body: { accountIds: [(await w.freshCustomer()).accountId] } }), expect: agentsOfR(204) },
  removeDeskCustomers: { call: async (w) => ({ path: `${desk(w)}/customer`, body: { accountIds: [(await w.freshCustomer(true)).accountId] } }), expect: agentsOfR(204) },
  listDeskOrganizations: { call: (w) => ({ path: `${desk(w)}/organization` }), expect: agentsOfR(200) },
  linkDeskOrganization: { call: async (w) => ({ path: `${desk(w)}/organization`, body: { organizationId: (await w.freshOrganization()).id } }), expect: agentsOfR(204) },
  unlinkDeskOrganization: { call: async (w) => ({ path: `${desk(w)}/organization`, body: { organizationId: (await w.freshOrganization(w.R)).id } }), expect: agentsOfR(204) },

  listOrganizations: { call: () => ({ path: '/rest/servicedeskapi/organization' }), expect: signedIn(200) },
  createOrganization: { call: () => ({ path: '/rest/servicedeskapi/organization', body: { name: uniqueName('Org') } }), expect: staff(201) },
  getOrganization: {
    call: (w) => ({ path: org(w) }),
    expect: { ...agentsOfR(200), reporter: 200, linkedMember: 200, participant: 404, customer: 404, outsider: 404, unlinkedMember: 404 },
  },
  deleteOrganization: { call: async (w) => ({ path: `/rest/servicedeskapi/organization/${(await w.freshOrganization(w.R)).id}` }), expect: adminOnly(204) },
  listOrganizationUsers: { call: (w) => ({ path: `${org(w)}/user` }), expect: agentsOfR(200) },
  addOrganizationUsers: { call: async (w) => ({ path: `${org(w)}/user`, body: { accountIds: [(await w.freshCustomer()).accountId] } }), expect: agentsOfR(204) },
  removeOrganizationUsers: {
    call: async (w) => {
      const { accountId } = await w.freshCustomer();
      await w.app.call('POST', `${org(w)}/user`, { body: { accountIds: [accountId] } });
      return { path: `${org(w)}/user`, body: { accountIds: [accountId] } };
    },
    expect: agentsOfR(204),
  },
  listOrganizationProperties: { call: (w) => ({ path: `${org(w)}/property` }), expect: agentsOfR(200) },
  getOrganizationProperty: {
    call: async (w) => {
      await w.app.call('PUT', `${org(w)}/property/tier`, { body: { level: 'gold' } });
      return { path: `${org(w)}/property/tier` };
    },
    expect: agentsOfR(200),
  },
  setOrganizationProperty: { call: (w) => ({ path: `${org(w)}/property/k${randomBytes(4).toString('hex')}`, body: { on: true } }), expect: agentsOfR(201) },
  deleteOrganizationProperty: {
    call: async (w) => {
      const path = `${org(w)}/property/k${randomBytes(4).toString('hex')}`;
      await w.app.call('PUT', path, { body: 1 });
      return { path };
    },
    expect: agentsOfR(204),
  },
  getOrganizationDomains: { call: (w) => ({ path: `/rest/admin/1/organization/${w.L.id}/domains` }), expect: adminOnly(200) },
  listOrganizationDesks: { call: (w) => ({ path: `/rest/admin/1/organization/${w.L.id}/servicedesk` }), expect: agentsOfR(200) },
  setOrganizationDomains: {
    call: async (w) => ({ path: `/rest/admin/1/organization/${(await w.freshOrganization()).id}/domains`, body: { domains: [uniqueDomain()] } }),
    expect: adminOnly(200),
  },

  inviteCustomers: { call: (w) => ({ path: '/rest/admin/1/invitation', body: { emails: [uniqueEmail()], serviceDeskId: w.R.id } }), expect: agentsOfR(200) },
  inviteDeskCustomer: { call: (w) => ({ path: `${desk(w)}/customer/invite`, body: { email: uniqueEmail('jsm'), displayName: 'Invitee' } }), expect: agentsOfR(200) },
  listInvitations: { call: (w) => ({ path: `/rest/admin/1/invitation?serviceDeskId=${w.R.id}` }), expect: agentsOfR(200) },
  resendInvitation: { call: async (w) => ({ path: `/rest/admin/1/invitation/${(await w.freshInvitation()).invitationId}/resend` }), expect: agentsOfR(200) },
  revokeInvitation: { call: async (w) => ({ path: `/rest/admin/1/invitation/${(await w.freshInvitation()).invitationId}` }), expect: agentsOfR(204) },

  acceptInvitation: {
    call: async (w) => ({ path: '/rest/portal/1/invitation/accept', body: { token: (await w.freshInvitation()).token, password: 'a long password' } }),
    expect: everyone(200),
  },
  signIn: { call: (w) => ({ path: '/rest/portal/1/login', body: { email: w.customerEmail, password: 'correct horse battery' } }), expect: everyone(200) },
  signUp: { call: (w) => ({ path: '/rest/portal/1/signup', body: { email: uniqueEmail('signup'), serviceDeskId: w.O.id } }), expect: everyone(202) },
  forgotPassword: { call: () => ({ path: '/rest/portal/1/password/forgot', body: { email: uniqueEmail() } }), expect: everyone(202) },
  resetPassword: { call: async (w) => ({ path: '/rest/portal/1/password/reset', body: { token: await w.freshResetToken(), password: 'another long one' } }), expect: everyone(204) },
  getMe: { call: () => ({ path: '/rest/portal/1/me' }), expect: customersOnly(200) },
  getSession: { call: () => ({ path: '/rest/portal/1/session' }), expect: customersOnly(200) },
  endSession: { call: () => ({ path: '/rest/portal/1/session' }), expect: customersOnly(204), endsSession: true },
  listMyDesks: { call: () => ({ path: '/rest/portal/1/servicedesk' }), expect: customersOnly(200) },

  listIdentityProviders: { call: () => ({ path: '/rest/admin/1/identityprovider' }), expect: adminOnly(200) },
  getIdentityProvider: { call: async (w) => ({ path: `/rest/admin/1/identityprovider/${await identityProvider(w)}` }), expect: adminOnly(200) },
  putIdentityProvider: { call: () => ({ path: `/rest/admin/1/identityprovider/${uniqueProviderId()}`, body: providerBody() }), expect: adminOnly(201) },
  deleteIdentityProvider: { call: async (w) => ({ path: `/rest/admin/1/identityprovider/${await identityProvider(w, true)}` }), expect: adminOnly(204) },
  startSignIn: { call: () => ({ path: '/rest/portal/1/sso/start', body: { email: uniqueEmail() } }), expect: everyone(200) },
  completeSignIn: {
    call: () => ({ path: '/rest/portal/1/sso/complete', body: { state: randomBytes(32).toString('base64url'), code: 'a-code', codeVerifier: randomBytes(32).toString('base64url') } }),
    expect: everyone(401),
  },

  createRequest: {
    call: (w) => ({ path: '/rest/servicedeskapi/request', body: { serviceDeskId: w.R.id, requestTypeId: w.requestTypeId, requestFieldValues: { summary: 'Help' } } }),
    expect: { ...usersOfR(201), otherAgent: 403, outsider: 403, unlinkedMember: 403 },
  },
  listRequests: { call: () => ({ path: '/rest/servicedeskapi/request' }), expect: signedIn(200) },
  getRequest: { call: (w) => ({ path: request(w) }), expect: viewersOfQ(200) },
  listComments: { call: (w) => ({ path: `${request(w)}/comment` }), expect: viewersOfQ(200) },
  getComment: { call: async (w) => ({ path: `${request(w)}/comment/${await publicCommentOnQ(w)}` }), expect: viewersOfQ(200) },
  listRequestStatuses: { call: (w) => ({ path: `${request(w)}/status` }), expect: viewersOfQ(200) },
  addComment: { call: (w) => ({ path: `${request(w)}/comment`, body: { body: 'Any news?', public: true } }), expect: viewersOfQ(201) },
  listParticipants: { call: (w) => ({ path: `${request(w)}/participant` }), expect: viewersOfQ(200) },
  addParticipants: {
    call: async (w) => ({ path: `${request(w, await w.freshRequest())}/participant`, body: { accountIds: [(await w.freshCustomer(true)).accountId] } }),
    expect: viewersOfQ(200),
  },
  removeParticipants: {
    call: async (w) => ({ path: `${request(w, await w.freshRequest())}/participant`, body: { accountIds: [w.ids.participant] } }),
    expect: viewersOfQ(200),
  },
  getNotification: { call: (w) => ({ path: `${request(w)}/notification` }), expect: viewersOfQ(200) },
  subscribeNotification: { call: (w) => ({ path: `${request(w)}/notification` }), expect: viewersOfQ(204) },
  unsubscribeNotification: { call: async (w) => ({ path: `${request(w, await w.freshRequest())}/notification` }), expect: viewersOfQ(204) },
  getFeedback: { call: async (w) => ({ path: `${request(w, await resolvedRequest(w, true))}/feedback` }), expect: viewersOfQ(200) },
  giveFeedback: { call: async (w) => ({ path: `${request(w, await resolvedRequest(w))}/feedback`, body: { rating: 5, comment: { body: 'Quick' } } }), expect: reporterOfQ(200) },
  listCustomerRequests: { call: (w) => ({ path: `/rest/admin/1/customer/${w.ids.reporter}/request?serviceDeskId=${w.R.id}` }), expect: agentsOfR(200) },
  createFollowUp: {
    call: async (w) => ({ path: `/rest/portal/1/request/${await closedRequest(w)}/followup`, body: { summary: 'It is back' } }),
    expect: { ...customersOnly(201), customer: 404, outsider: 404, unlinkedMember: 404 },
  },
  withdrawFeedback: { call: async (w) => ({ path: `${request(w, await resolvedRequest(w, true))}/feedback` }), expect: reporterOfQ(204) },
  listTransitions: { call: (w) => ({ path: `${request(w)}/transition` }), expect: viewersOfQ(200) },
  performTransition: { call: async (w) => ({ path: `${request(w, await w.freshRequest())}/transition`, body: { id: '3' } }), expect: viewersOfQ(204) },

  attachTemporaryFile: { call: (w) => ({ path: `${desk(w)}/attachTemporaryFile`, upload: [{ name: 'a.txt', type: 'text/plain', bytes: Buffer.from('a') }] }), expect: usersOfR(201) },
  createAttachment: { call: async (w, caller) => ({ path: `${request(w, await w.freshRequest())}/attachment`, body: { temporaryAttachmentIds: [await uploadFor(w, caller)] } }), expect: viewersOfQ(201) },
  listAttachments: { call: (w) => ({ path: `${request(w)}/attachment` }), expect: viewersOfQ(200) },
  listCommentAttachments: { call: async (w) => ({ path: `${request(w)}/comment/${(await attachmentOnQ(w)).commentId}/attachment` }), expect: viewersOfQ(200) },
  getAttachmentContent: { call: async (w) => ({ path: `${request(w)}/attachment/${(await attachmentOnQ(w)).attachmentId}` }), expect: viewersOfQ(303) },
  getAttachmentThumbnail: { call: async (w) => ({ path: `${request(w)}/attachment/${(await attachmentOnQ(w)).attachmentId}/thumbnail` }), expect: viewersOfQ(303) },
  createUploadForm: { call: (w) => ({ path: `/rest/portal/1/servicedesk/${w.R.id}/upload`, body: { fileName: 'big.bin', size: 10 } }), expect: usersOfR(201) },
  registerUpload: {
    call: async (w, caller) => ({ path: `/rest/portal/1/upload/${await postedUpload(w, caller)}` }),
    // Only the uploader registers an upload: those who may not upload to R try the admin's and find nothing.
    expect: { ...usersOfR(201), otherAgent: 404 },
  },

  listMail: { call: () => ({ path: '/rest/admin/1/mail' }), expect: adminOnly(200) },
  getMail: { call: async (w) => ({ path: `/rest/admin/1/mail/${await refusedMailId(w)}` }), expect: adminOnly(200) },
  acceptMail: { call: async (w) => ({ path: `/rest/admin/1/mail/${await refusedMailId(w)}/accept` }), expect: adminOnly(201) },

  createStaff: { call: () => ({ path: '/rest/admin/1/staff', body: { email: uniqueEmail('staff'), displayName: 'Staff', role: 'agent' } }), expect: adminOnly(201) },
  rotateStaffToken: { call: async (w) => ({ path: `/rest/admin/1/staff/${(await w.app.createStaff('agent')).accountId}/token` }), expect: adminOnly(200) },
  signInToConsole: { call: (w) => ({ path: '/rest/console/1/session', body: { email: w.consoleAgentEmail, password: PASSWORD } }), expect: everyone(200) },
  getConsoleSession: { call: () => ({ path: '/rest/console/1/session' }), expect: consoleSession(200) },
  endConsoleSession: { call: () => ({ path: '/rest/console/1/session' }), expect: consoleSession(204), endsSession: true },
  setConsolePassword: { call: async (w) => ({ path: '/rest/console/1/password', body: { token: await w.freshStaffLink(), password: PASSWORD } }), expect: everyone(200) },
  forgotConsolePassword: { call: () => ({ path: '/rest/console/1/password/forgot', body: { email: uniqueEmail('staff') } }), expect: everyone(204) },
  changeConsolePassword: {
    // Staff with an API token have no password to give (400); the console's caller changes theirs, on a session of its own.
    call: () => ({ path: '/rest/console/1/password/change', body: { currentPassword: PASSWORD, newPassword: 'a changed passphrase' } }),
    expect: { ...consoleSession(204), admin: 400, agent: 400, otherAgent: 400 },
    endsSession: true,
  },
};

// ---- Running it ------------------------------------------------------------------------------------------------
let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app);
}, 120_000);
afterAll(() => app.close());

it('has a row for every route of the route table, and no row for a route that does not exist', () => {
  const routes = routeList().map((r) => r.operationId).sort();
  expect(Object.keys(MATRIX).sort()).toEqual(routes);
});

describe.each(routeList().map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
  it('answers every kind of caller as the matrix says', async () => {
    const row = MATRIX[route.operationId];
    const got: Partial<Outcomes> = {};
    for (const caller of CALLERS) {
      const { path, body, upload } = await row.call(world, caller);
      const who = as(row.endsSession ? await world.freshSessionOf(caller) : world.as[caller]);
      const form = upload ? multipartBody(upload) : undefined;
      const answer = await app.call(route.method, path, {
        ...who,
        ...(body === undefined ? {} : { body }),
        ...(form ? { rawBody: form.body, headers: { ...who.headers, 'content-type': form.contentType, 'x-atlassian-token': 'no-check' } } : {}),
      });
      got[caller] = answer.status;
      // Whatever the status, never a stack trace or an internal error.
      expect(answer.status).toBeLessThan(500);
    }
    expect(got).toEqual(row.expect);
  });
});
