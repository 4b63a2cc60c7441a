/** Mistakes and abuse the API withstands: wrong cursors, odd credentials, email corrections, floods, cross-desk reach. */
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { createAgent, createDesk, createOrganization, expectForbiddenOrHidden, linkOrganization, uniqueDomain } from '#harness/desks';
import { accept, invite, inviteOne, lastMail, linkToken } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

it('an agent of desk A cannot link (and so reach) an organization linked only to desk B', async () => {
  const deskA = await createDesk(app, 'restricted');
  const deskB = await createDesk(app, 'restricted');
  const agentA = await createAgent(app, deskA);
  const orgOfB = await createOrganization(app);
  await linkOrganization(app, deskB, orgOfB);
  expectForbiddenOrHidden(await app.call('POST', `/rest/servicedeskapi/servicedesk/${deskA.id}/organization`, { as: agentA, body: { organizationId: orgOfB.id } }));
  const linked = (await app.call('GET', `/rest/servicedeskapi/servicedesk/${deskA.id}/organization`)).body.values;
  expect(linked).toEqual([]);
});

it('a cursor taken from another list is a 400, not a 500', async () => {
  for (let i = 0; i < 3; i += 1) await app.createCustomer(`aaa.${i}.${uniqueEmail()}`);
  const first = await app.call('GET', '/rest/admin/1/customer?query=aaa&limit=1');
  const cursor = new URL(first.body._links.next).searchParams.get('cursor');
  expect(cursor).toBeTruthy();
  expectJsmError(await app.call('GET', `/rest/admin/1/customer?query=b&limit=1&cursor=${cursor}`), 400);
});

it('an absurdly long email in Basic credentials is a plain 401', async () => {
  const authorization = `Basic ${Buffer.from(`${'a'.repeat(3000)}@x.test:token`).toString('base64')}`;
  expectJsmError(await app.call('GET', '/rest/admin/1/customer', { as: null, headers: { authorization } }), 401);
});

it("after staff correct an invited customer's email, the old link is dead and a resend goes to the new address", async () => {
  const invited = await inviteOne(app);
  const corrected = uniqueEmail('corrected');
  expect((await app.call('PATCH', `/rest/admin/1/customer/${invited.accountId}`, { body: { email: corrected } })).status).toBe(200);
  expectJsmError(await accept(app, invited.token), 400);
  expect((await app.call('POST', `/rest/admin/1/invitation/${invited.invitationId}/resend`)).status).toBe(200);
  expect(await app.inbox(invited.email)).toHaveLength(1);
  const fresh = linkToken(await lastMail(app, corrected), 'invitation/accept');
  expect((await accept(app, fresh)).status).toBe(200);
});

it('the same address twice in one invite call is invited once', async () => {
  const email = uniqueEmail('twice');
  const results = await invite(app, [email, `  ${email.toUpperCase()} `]);
  expect(results.map((r) => r.outcome)).toEqual(['invited', 'invited']);
  expect(results[1]!.invitationId).toBe(results[0]!.invitationId);
  expect(await app.inbox(email)).toHaveLength(1);
});

it('an invited customer at an organization\'s domain joins it, like any new customer', async () => {
  const domain = uniqueDomain();
  const org = await createOrganization(app);
  expect((await app.call('PUT', `/rest/admin/1/organization/${org.id}/domains`, { body: { domains: [domain] } })).status).toBe(200);
  const [result] = await invite(app, [`someone@${domain}`]);
  const members = (await app.call('GET', `/rest/servicedeskapi/organization/${org.id}/user`)).body.values;
  expect(members.map((m: { accountId: string }) => m.accountId)).toEqual([result!.accountId]);
});

it('anonymizing an invited customer revokes the invitation and erases the email from it', async () => {
  const invited = await inviteOne(app);
  expect((await app.call('DELETE', `/rest/admin/1/customer/${invited.accountId}`)).status).toBe(204);
  expectJsmError(await accept(app, invited.token), 400);
  const revoked = (await app.call('GET', '/rest/admin/1/invitation?status=revoked&limit=100')).body.values;
  const mine = revoked.find((i: { id: string }) => i.id === invited.invitationId);
  expect(mine).toMatchObject({ email: '' });
  expect(JSON.stringify(revoked)).not.toContain(invited.email);
});

it('forgot-password mails at most 3 reset links an hour to one address, answering 202 all the same', async () => {
  const invited = await inviteOne(app);
  expect((await accept(app, invited.token)).status).toBe(200);
  const before = (await app.inbox(invited.email)).length;
  const answers = await Promise.all(Array.from({ length: 6 }, () => app.call('POST', '/rest/portal/1/password/forgot', { as: null, body: { email: invited.email } })));
  expect(answers.map((a) => a.status)).toEqual(Array(6).fill(202));
  expect((await app.inbox(invited.email)).length - before).toBe(3);
});
