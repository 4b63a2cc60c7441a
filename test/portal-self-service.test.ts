/**
 * What a customer does for themselves beyond raising and replying: rename themselves (audited, validated), see their
 * organizations (and their fellow members, by name), and share their request with one of them after raising it (or
 * stop sharing it).
 */
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';
import { addMembers, auditOf, createDesk, createOrganization, linkOrganization } from '#harness/desks';
import { bearer, signedInCustomer } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const raise = async (as: ReturnType<typeof bearer>, deskId: string, summary: string) => {
  const typeId = (await app.call('GET', `/rest/servicedeskapi/servicedesk/${deskId}/requesttype`, { as })).body.values[0].id;
  const answer = await app.call('POST', '/rest/servicedeskapi/request', { as, body: { serviceDeskId: deskId, requestTypeId: typeId, requestFieldValues: { summary } } });
  expect(answer.status).toBe(201);
  return answer.body.issueKey as string;
};

it('a customer renames themselves: the name is validated, changed everywhere it shows, and audited', async () => {
  const desk = await createDesk(app, 'restricted');
  const customer = await signedInCustomer(app, desk);
  const as = bearer(customer.session);
  expectJsmError(await app.call('PATCH', '/rest/portal/1/me', { as, body: { displayName: '   ' } }), 400);
  expectJsmError(await app.call('PATCH', '/rest/portal/1/me', { as, body: { displayName: 'Ada', emailAddress: 'x@example.test' } }), 400);
  const renamed = await app.call('PATCH', '/rest/portal/1/me', { as, body: { displayName: '  Ada Lovelace ' } });
  expect(renamed.status).toBe(200);
  expect(renamed.body).toMatchObject({ accountId: customer.accountId, displayName: 'Ada Lovelace', emailAddress: customer.email });
  expect((await app.call('GET', '/rest/portal/1/me', { as })).body.displayName).toBe('Ada Lovelace');
  const key = await raise(as, desk.id, 'Who am I');
  expect((await app.call('GET', `/rest/servicedeskapi/request/${key}`)).body.reporter.displayName).toBe('Ada Lovelace');
  const events = await auditOf(app, `accountId=${customer.accountId}`);
  expect(events.find((e) => e.action === 'account.updated')).toMatchObject({ actor: { accountId: customer.accountId }, after: { displayName: 'Ada Lovelace' } });
});

it('the reporter shares a request with their organization after raising it, and stops sharing it; members see it only meanwhile', async () => {
  const desk = await createDesk(app, 'restricted');
  const [org, unlinked] = [await createOrganization(app), await createOrganization(app)];
  await linkOrganization(app, desk, org);
  const [reporter, colleague] = [await signedInCustomer(app, desk), await signedInCustomer(app)];
  await addMembers(app, org, [reporter.accountId, colleague.accountId]);
  await addMembers(app, unlinked, [reporter.accountId]);
  const as = bearer(reporter.session);
  const me = (await app.call('GET', '/rest/portal/1/me', { as })).body;
  expect(me.organizations).toEqual(expect.arrayContaining([{ id: org.id, name: org.name, serviceDeskIds: [desk.id] }, { id: unlinked.id, name: unlinked.name, serviceDeskIds: [] }]));

  const key = await raise(as, desk.id, 'Shared later');
  const share = (organizationId: string | null, who = as) => app.call('PUT', `/rest/portal/1/request/${key}/organization`, { as: who, body: { organizationId } });
  const colleagueSees = async () => (await app.call('GET', `/rest/servicedeskapi/request/${key}`, { as: bearer(colleague.session) })).status;
  expect(await colleagueSees()).toBe(404);
  expectJsmError(await share(unlinked.id), 400);
  expect((await share(org.id)).status).toBe(204);
  expect((await share(org.id)).status).toBe(204);
  expect(await colleagueSees()).toBe(200);
  expect((await app.call('GET', `/rest/servicedeskapi/request/${key}`)).body.organizationId).toBe(org.id);
  // A member who sees it through the organization may not unshare it.
  expectJsmError(await share(null, bearer(colleague.session)), 403);
  expect((await share(null)).status).toBe(204);
  expect(await colleagueSees()).toBe(404);
  const shared = (await auditOf(app, `serviceDeskId=${desk.id}`)).filter((e) => e.action === 'request.shared');
  expect(shared.map((e) => e.after)).toEqual([{ issueKey: key, organizationId: null }, { issueKey: key, organizationId: org.id }]);
});

it("a customer lists the members of their own organization by name (whom to add to a request), and no one else's", async () => {
  const [org, other] = [await createOrganization(app), await createOrganization(app)];
  const [me, colleague] = [await signedInCustomer(app), await signedInCustomer(app)];
  await addMembers(app, org, [me.accountId, colleague.accountId]);
  const as = bearer(me.session);
  const members = await app.call('GET', `/rest/portal/1/organization/${org.id}/user`, { as });
  expect(members.status).toBe(200);
  const them = members.body.values.find((u: { accountId: string }) => u.accountId === colleague.accountId);
  expect(them.displayName).toBeDefined();
  expect(them.emailAddress).toBeUndefined();
  expectJsmError(await app.call('GET', `/rest/portal/1/organization/${other.id}/user`, { as }), 404);
});
