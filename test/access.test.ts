/**
 * Effective access (who may use which desk, and why) and what agents may do: only on their own desks, and with
 * organizations linked to their desks or to none. Plus who may read which audit trail.
 */
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';
import {
  accessTo,
  addDeskCustomers,
  addMembers,
  auditOf,
  createAgent,
  createDesk,
  createOrganization,
  deskCustomersOf,
  deskOrganizationsOf,
  expectForbiddenOrHidden,
  linkOrganization,
  membersOf,
  profileOf,
  uniqueProjectKey,
  type Desk,
  type Organization,
} from '#harness/desks';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const removeMember = (org: Organization, accountId: string) =>
  app.call('DELETE', `/rest/servicedeskapi/organization/${org.id}/user`, { body: { accountIds: [accountId] } });
const viaOrganization = (org: Organization) => ({ type: 'organization', organizationId: org.id });

/** A restricted desk, an organization linked to it, and a customer who is a member of it. */
const memberOfLinkedOrganization = async () => {
  const desk = await createDesk(app, 'restricted');
  const org = await createOrganization(app);
  await linkOrganization(app, desk, org);
  const customer = await app.createCustomer();
  await addMembers(app, org, [customer.accountId]);
  return { desk, org, customer };
};

describe('effective access (the profile, GET /rest/admin/1/customer/{accountId})', () => {
  it('lets every active customer use an open desk', async () => {
    const desk = await createDesk(app, 'open');
    const customer = await app.createCustomer();
    expect(await accessTo(app, customer.accountId, desk)).toEqual([{ type: 'open' }]);
  });

  it('keeps a restricted desk closed to a customer with no grant', async () => {
    const desk = await createDesk(app, 'restricted');
    const customer = await app.createCustomer();
    expect(await accessTo(app, customer.accountId, desk)).toBeUndefined();
  });

  it('lets a direct customer use a restricted desk, via direct', async () => {
    const desk = await createDesk(app, 'restricted');
    const customer = await app.createCustomer();
    await addDeskCustomers(app, desk, [customer.accountId]);
    expect(await accessTo(app, customer.accountId, desk)).toEqual([{ type: 'direct' }]);
  });

  it('lets a member of a linked organization use a restricted desk, via that organization', async () => {
    const { desk, org, customer } = await memberOfLinkedOrganization();
    const profile = await profileOf(app, customer.accountId);
    expect(profile.organizations).toEqual([{ id: org.id, name: org.name }]);
    expect(profile.access.filter((a) => a.serviceDeskId === desk.id)).toEqual([
      { serviceDeskId: desk.id, projectKey: desk.projectKey, via: [viaOrganization(org)] },
    ]);
  });

  it('a removed organization member can no longer use a restricted desk', async () => {
    const { desk, org, customer } = await memberOfLinkedOrganization();
    expect((await removeMember(org, customer.accountId)).status).toBe(204);
    expect(await accessTo(app, customer.accountId, desk)).toBeUndefined();
    expect((await profileOf(app, customer.accountId)).organizations).toEqual([]);
  });

  it('a removed organization member who is also a direct customer keeps the desk, now only via direct', async () => {
    const { desk, org, customer } = await memberOfLinkedOrganization();
    await addDeskCustomers(app, desk, [customer.accountId]);
    expect(await accessTo(app, customer.accountId, desk)).toEqual(expect.arrayContaining([{ type: 'direct' }, viaOrganization(org)]));
    expect((await removeMember(org, customer.accountId)).status).toBe(204);
    expect(await accessTo(app, customer.accountId, desk)).toEqual([{ type: 'direct' }]);
  });

  it('a removed organization member who is in a second linked organization keeps the desk through it', async () => {
    const { desk, org, customer } = await memberOfLinkedOrganization();
    const second = await createOrganization(app);
    await linkOrganization(app, desk, second);
    await addMembers(app, second, [customer.accountId]);
    expect((await removeMember(org, customer.accountId)).status).toBe(204);
    expect(await accessTo(app, customer.accountId, desk)).toEqual([viaOrganization(second)]);
  });

  it('unlinking an organization from a desk takes away the access it gave', async () => {
    const { desk, org, customer } = await memberOfLinkedOrganization();
    const unlink = await app.call('DELETE', `/rest/servicedeskapi/servicedesk/${desk.id}/organization`, { body: { organizationId: Number(org.id) } });
    expect(unlink.status).toBe(204);
    expect(await deskOrganizationsOf(app, desk)).toEqual([]);
    expect(await accessTo(app, customer.accountId, desk)).toBeUndefined();
    expect((await profileOf(app, customer.accountId)).organizations).toEqual([{ id: org.id, name: org.name }]);
  });

  it('restricting an open desk again leaves only the customers it was granted to', async () => {
    const desk = await createDesk(app, 'open');
    const [direct, bystander] = [await app.createCustomer(), await app.createCustomer()];
    await addDeskCustomers(app, desk, [direct.accountId]);
    expect(await accessTo(app, bystander.accountId, desk)).toEqual([{ type: 'open' }]);
    expect((await app.call('PATCH', `/rest/admin/1/servicedesk/${desk.id}`, { body: { access: 'restricted' } })).status).toBe(200);
    expect(await accessTo(app, bystander.accountId, desk)).toBeUndefined();
    expect(await accessTo(app, direct.accountId, desk)).toEqual([{ type: 'direct' }]);
  });
});

describe('what an agent may do', () => {
  /** Desk A with its agent; desk B (not theirs) with a customer and a linked organization. */
  const twoDesks = async () => {
    const [deskA, deskB] = [await createDesk(app), await createDesk(app)];
    const agent = await createAgent(app, deskA);
    const customerOfB = await app.createCustomer();
    await addDeskCustomers(app, deskB, [customerOfB.accountId]);
    const orgOfB = await createOrganization(app);
    await linkOrganization(app, deskB, orgOfB);
    return { deskA, deskB, agent, customerOfB, orgOfB };
  };
  const deskPath = (desk: Desk, rest: string) => `/rest/servicedeskapi/servicedesk/${desk.id}${rest}`;

  it('manages the customers and organization links of their own desk', async () => {
    const { deskA, agent } = await twoDesks();
    const customer = await app.createCustomer();
    const org = await createOrganization(app);
    expect((await app.call('POST', deskPath(deskA, '/customer'), { body: { accountIds: [customer.accountId] }, as: agent })).status).toBe(204);
    expect((await app.call('GET', deskPath(deskA, '/customer'), { as: agent })).body.values).toHaveLength(1);
    expect((await app.call('POST', deskPath(deskA, '/organization'), { body: { organizationId: org.id }, as: agent })).status).toBe(204);
    expect((await app.call('GET', deskPath(deskA, '/organization'), { as: agent })).body.values).toEqual([org]);
    expect((await app.call('DELETE', deskPath(deskA, '/customer'), { body: { accountIds: [customer.accountId] }, as: agent })).status).toBe(204);
    expect((await app.call('DELETE', deskPath(deskA, '/organization'), { body: { organizationId: org.id }, as: agent })).status).toBe(204);
    expect(await deskCustomersOf(app, deskA)).toEqual([]);
    expect(await deskOrganizationsOf(app, deskA)).toEqual([]);
  });

  it("an agent of desk A gets 403 or 404 on desk B's customers, and changes nothing there", async () => {
    const { deskB, agent, customerOfB } = await twoDesks();
    const newcomer = await app.createCustomer();
    expectForbiddenOrHidden(await app.call('GET', deskPath(deskB, '/customer'), { as: agent }));
    expectForbiddenOrHidden(await app.call('POST', deskPath(deskB, '/customer'), { body: { accountIds: [newcomer.accountId] }, as: agent }));
    expectForbiddenOrHidden(await app.call('DELETE', deskPath(deskB, '/customer'), { body: { accountIds: [customerOfB.accountId] }, as: agent }));
    expect(await deskCustomersOf(app, deskB)).toEqual([customerOfB.accountId]);
  });

  it("an agent of desk A gets 403 or 404 on desk B's organizations, and changes nothing there", async () => {
    const { deskB, agent, orgOfB } = await twoDesks();
    const other = await createOrganization(app);
    expectForbiddenOrHidden(await app.call('GET', deskPath(deskB, '/organization'), { as: agent }));
    expectForbiddenOrHidden(await app.call('POST', deskPath(deskB, '/organization'), { body: { organizationId: other.id }, as: agent }));
    expectForbiddenOrHidden(await app.call('DELETE', deskPath(deskB, '/organization'), { body: { organizationId: orgOfB.id }, as: agent }));
    expect(await deskOrganizationsOf(app, deskB)).toEqual([orgOfB.id]);
  });

  it('works with members of organizations linked to their desk or to none, not of one linked only to another desk', async () => {
    const { deskA, agent, orgOfB } = await twoDesks();
    const customer = await app.createCustomer();
    const unlinked = await createOrganization(app);
    const ofA = await createOrganization(app);
    await linkOrganization(app, deskA, ofA);
    for (const org of [unlinked, ofA]) {
      const path = `/rest/servicedeskapi/organization/${org.id}/user`;
      expect((await app.call('POST', path, { body: { accountIds: [customer.accountId] }, as: agent })).status).toBe(204);
      expect((await app.call('GET', path, { as: agent })).body.values).toHaveLength(1);
    }
    const path = `/rest/servicedeskapi/organization/${orgOfB.id}/user`;
    expectForbiddenOrHidden(await app.call('GET', path, { as: agent }));
    expectForbiddenOrHidden(await app.call('POST', path, { body: { accountIds: [customer.accountId] }, as: agent }));
    expect(await membersOf(app, orgOfB)).toEqual([]);
  });

  it('may create organizations but not delete them', async () => {
    const { agent } = await twoDesks();
    const org = await createOrganization(app, undefined, { as: agent });
    expectJsmError(await app.call('DELETE', `/rest/servicedeskapi/organization/${org.id}`, { as: agent }), 403);
    expect((await app.call('GET', `/rest/servicedeskapi/organization/${org.id}`)).status).toBe(200);
  });

  it('may not use the admin service desk routes, even on their own desk', async () => {
    const { deskA, agent } = await twoDesks();
    const other = await app.createStaff('agent');
    const admin = `/rest/admin/1/servicedesk`;
    expectJsmError(await app.call('POST', admin, { body: { projectKey: uniqueProjectKey(), projectName: 'Mine', access: 'open' }, as: agent }), 403);
    expectJsmError(await app.call('PATCH', `${admin}/${deskA.id}`, { body: { projectName: 'Taken over' }, as: agent }), 403);
    expectJsmError(await app.call('POST', `${admin}/${deskA.id}/agent`, { body: { accountIds: [other.accountId] }, as: agent }), 403);
    expectJsmError(await app.call('DELETE', `${admin}/${deskA.id}/agent`, { body: { accountIds: [agent.accountId] }, as: agent }), 403);
    expectJsmError(await app.call('POST', `${admin}/${deskA.id}/requesttype`, { body: { name: 'Mine' }, as: agent }), 403);
    expect((await app.call('GET', deskPath(deskA, ''))).body.projectName).toBe('Help desk');
    expect((await app.call('GET', deskPath(deskA, ''), { as: agent })).status).toBe(200);
  });
});

describe('the audit trail of a desk (GET /rest/admin/1/audit)', () => {
  it('records agent and customer changes with who made them; an agent reads their own desk, not another', async () => {
    const [mine, other] = [await createDesk(app), await createDesk(app)];
    const admin = await app.createStaff('admin');
    const initial = await auditOf(app, `serviceDeskId=${mine.id}`);
    const agent = await app.createStaff('agent');
    expect((await app.call('POST', `/rest/admin/1/servicedesk/${mine.id}/agent`, { body: { accountIds: [agent.accountId] }, as: admin })).status).toBe(204);
    const afterAgent = await auditOf(app, `serviceDeskId=${mine.id}`);
    expect(afterAgent.map((e) => e.action)).toEqual(['servicedesk.agents.added', ...initial.map((e) => e.action)]);
    expect(afterAgent[0]!.actor.accountId).toBe(admin.accountId);

    const customer = await app.createCustomer();
    await addDeskCustomers(app, mine, [customer.accountId], { as: agent });
    const asAgent = await app.call('GET', `/rest/admin/1/audit?serviceDeskId=${mine.id}`, { as: agent });
    expect(asAgent.status).toBe(200);
    expect(asAgent.body.values.map((e: { action: string }) => e.action)).toEqual(['servicedesk.customers.added', ...afterAgent.map((e) => e.action)]);
    expect(asAgent.body.values[0].actor.accountId).toBe(agent.accountId);
    expect(asAgent.body.values[0].actor.accountId).toBe(agent.accountId);
    expectForbiddenOrHidden(await app.call('GET', `/rest/admin/1/audit?serviceDeskId=${other.id}`, { as: agent }));
  });

  it('asks for exactly one of accountId, organizationId and serviceDeskId', async () => {
    const desk = await createDesk(app);
    const org = await createOrganization(app);
    expectJsmError(await app.call('GET', '/rest/admin/1/audit'), 400);
    expectJsmError(await app.call('GET', `/rest/admin/1/audit?organizationId=${org.id}&serviceDeskId=${desk.id}`), 400);
  });
});
