/** Organizations (JSM): unique names, members, email domains, deletion and their audit trail (properties: organization-properties.test.ts). */
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import {
  accessTo,
  accountIdsOf,
  addMembers,
  allPages,
  auditOf,
  createCustomers,
  createDesk,
  createOrganization,
  deskOrganizationsOf,
  idsOf,
  linkOrganization,
  membersOf,
  organizationsOfAccount,
  profileOf,
  uniqueDomain,
  uniqueName,
  unknownAccountId,
  type Organization,
} from '#harness/desks';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const ORGS = '/rest/servicedeskapi/organization';
const allOrganizations = async () => (await allPages<Organization>(app, `${ORGS}?limit=100`)).values;
const usersPath = (org: Organization) => `${ORGS}/${org.id}/user`;
const domainsPath = (org: Organization) => `/rest/admin/1/organization/${org.id}/domains`;
const byAccountId = (a: { accountId: string }, b: { accountId: string }) => a.accountId.localeCompare(b.accountId);
const matchedOf = (customers: Array<{ accountId: string; emailAddress: string }>) =>
  customers.map(({ accountId, emailAddress }) => ({ accountId, emailAddress })).sort(byAccountId);

describe('creating an organization (POST /organization)', () => {
  it('answers 201 with the JSM Organization, readable at its self link and listed', async () => {
    const name = uniqueName('Acme');
    const answer = await app.call('POST', ORGS, { body: { name } });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.stringMatching(/^[1-9]\d*$/), name, _links: { self: expect.any(String) } });
    expect((await app.call('GET', new URL(answer.body._links.self).pathname)).body).toEqual(answer.body);
    expect(idsOf(await allOrganizations())).toContain(answer.body.id);
  });

  it('returns the existing organization with 201, as JSM does, for a name that exists in any case and spacing', async () => {
    const name = uniqueName('Globex');
    const org = await createOrganization(app, name);
    const again = await app.call('POST', ORGS, { body: { name: `  ${name.toUpperCase()} ` } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(org);
    expect((await allOrganizations()).filter((o) => o.name.toLowerCase() === name.toLowerCase())).toHaveLength(1);
  });

  it('creates exactly one organization when 20 callers send the same name at once', async () => {
    const name = uniqueName('Initech');
    const variants = Array.from({ length: 20 }, (_, i) => `${' '.repeat(i % 3)}${i % 2 ? name.toUpperCase() : name.toLowerCase()}${' '.repeat(i % 2)}`);
    const answers = await Promise.all(variants.map((variant) => app.call('POST', ORGS, { body: { name: variant } })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const listed = (await allOrganizations()).filter((o) => o.name.toLowerCase() === name.toLowerCase());
    expect(idsOf(listed)).toEqual([answers[0]!.body.id]);
  });

  it('accepts names up to 200 characters and refuses longer or blank ones with 400', async () => {
    const longest = uniqueName('Long').padEnd(200, 'n');
    expect((await app.call('POST', ORGS, { body: { name: longest } })).status).toBe(201);
    expectJsmError(await app.call('POST', ORGS, { body: { name: `${longest}n` } }), 400);
    expectJsmError(await app.call('POST', ORGS, { body: { name: '   ' } }), 400);
    expect((await allOrganizations()).filter((o) => o.name.length > 200)).toEqual([]);
  });

  it('answers 404 for an unknown organization', async () => {
    expectJsmError(await app.call('GET', `${ORGS}/999999`), 404);
    expectJsmError(await app.call('GET', `${ORGS}/999999/user`), 404);
  });
});

describe('members of an organization (/organization/{id}/user)', () => {
  it('adds members, lists them as JSM users, lists the organization by member, and removes them', async () => {
    const org = await createOrganization(app);
    const ada = await app.createCustomer(uniqueEmail('ada'), 'Ada Lovelace');
    const bob = await app.createCustomer(uniqueEmail('bob'), 'Bob Babbage');
    expect((await app.call('POST', usersPath(org), { body: { accountIds: [ada.accountId, bob.accountId] } })).status).toBe(204);
    const page = await app.call('GET', usersPath(org));
    expect(page.body).toMatchObject({ size: 2, start: 0, isLastPage: true });
    expect(page.body.values).toContainEqual(
      { accountId: ada.accountId, emailAddress: ada.emailAddress, displayName: 'Ada Lovelace', active: true, timeZone: expect.any(String), _links: expect.any(Object) },
    );
    expect(await organizationsOfAccount(app, ada.accountId)).toEqual([org.id]);

    expect((await app.call('DELETE', usersPath(org), { body: { accountIds: [ada.accountId] } })).status).toBe(204);
    expect(await membersOf(app, org)).toEqual([bob.accountId]);
    expect(await organizationsOfAccount(app, ada.accountId)).toEqual([]);
    expect((await profileOf(app, ada.accountId)).organizations).toEqual([]);
  });

  it('200 parallel adds of the same member leave exactly one membership, seen the same from both sides', async () => {
    const org = await createOrganization(app);
    const customer = await app.createCustomer();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => app.call('POST', usersPath(org), { body: { accountIds: [customer.accountId] } })),
    );
    expect(answers.map((a) => a.status).filter((status) => status !== 204)).toEqual([]);
    expect(await membersOf(app, org)).toEqual([customer.accountId]);
    expect(await organizationsOfAccount(app, customer.accountId)).toEqual([org.id]);
    expect((await profileOf(app, customer.accountId)).organizations).toEqual([{ id: org.id, name: org.name }]);
    // One removal leaves nothing behind on either side.
    expect((await app.call('DELETE', usersPath(org), { body: { accountIds: [customer.accountId] } })).status).toBe(204);
    expect(await membersOf(app, org)).toEqual([]);
    expect(await organizationsOfAccount(app, customer.accountId)).toEqual([]);
  });

  it('unknown account ids in a batch of 50 change nothing: 400 naming the unknown one, none of the 49 added', async () => {
    const org = await createOrganization(app);
    const known = accountIdsOf(await createCustomers(app, 49));
    const unknown = unknownAccountId();
    const answer = await app.call('POST', usersPath(org), { body: { accountIds: [...known.slice(0, 10), unknown, ...known.slice(10)] } });
    expect(expectJsmError(answer, 400)).toContain(unknown);
    expect(await membersOf(app, org)).toEqual([]);
    expect(await organizationsOfAccount(app, known[0]!)).toEqual([]);
    expect(await organizationsOfAccount(app, known[48]!)).toEqual([]);
    // Removing is all or nothing too.
    await addMembers(app, org, known);
    expect(expectJsmError(await app.call('DELETE', usersPath(org), { body: { accountIds: [...known, unknown] } }), 400)).toContain(unknown);
    expect((await membersOf(app, org)).sort()).toEqual([...known].sort());
  });

  it('refuses 51 ids with 400', async () => {
    const org = await createOrganization(app);
    const [customer] = await createCustomers(app, 1);
    const accountIds = [customer!.accountId, ...Array.from({ length: 50 }, unknownAccountId)];
    expectJsmError(await app.call('POST', usersPath(org), { body: { accountIds } }), 400);
    expect(await membersOf(app, org)).toEqual([]);
  });

  it('pages through 120 members by following the next links, each member once', async () => {
    const org = await createOrganization(app);
    const members = accountIdsOf(await createCustomers(app, 120));
    await addMembers(app, org, members);
    const { pages, values } = await allPages(app, `${usersPath(org)}?limit=50`);
    expect(pages.map((p) => [p.start, p.size, p.isLastPage])).toEqual([[0, 50, false], [50, 50, false], [100, 20, true]]);
    const seen = accountIdsOf(values);
    expect(new Set(seen).size).toBe(120);
    expect([...seen].sort()).toEqual([...members].sort());
  });
});

describe('email domains (PUT /rest/admin/1/organization/{id}/domains)', () => {
  it('a dry-run backfill lists the customers it would add and changes nothing', async () => {
    const domain = uniqueDomain();
    const atDomain = await createCustomers(app, 2, (i) => `person${i}@${domain}`);
    const elsewhere = await app.createCustomer();
    const org = await createOrganization(app);
    const answer = await app.call('PUT', domainsPath(org), { body: { domains: [domain], backfill: true, dryRun: true } });
    expect(answer.status).toBe(200);
    expect({ ...answer.body, matched: [...answer.body.matched].sort(byAccountId) }).toEqual({ domains: [domain], dryRun: true, backfill: true, matched: matchedOf(atDomain) });
    expect(answer.body.matched.map((m: { accountId: string }) => m.accountId)).not.toContain(elsewhere.accountId);
    expect(await membersOf(app, org)).toEqual([]);
    expect(await organizationsOfAccount(app, atDomain[0]!.accountId)).toEqual([]);
    // The domains were not saved either: a customer created now at the domain does not join.
    await app.createCustomer(`later@${domain}`);
    expect(await membersOf(app, org)).toEqual([]);
  });

  it('a backfill adds the existing customers at the domain; customers created later join on their own', async () => {
    const domain = uniqueDomain();
    const atDomain = await createCustomers(app, 2, (i) => `person${i}@${domain}`);
    const elsewhere = await app.createCustomer();
    const org = await createOrganization(app);
    const answer = await app.call('PUT', domainsPath(org), { body: { domains: [domain], backfill: true, dryRun: false } });
    expect(answer.status).toBe(200);
    expect({ ...answer.body, matched: [...answer.body.matched].sort(byAccountId) }).toEqual({ domains: [domain], dryRun: false, backfill: true, matched: matchedOf(atDomain) });
    expect((await membersOf(app, org)).sort()).toEqual(accountIdsOf(atDomain).sort());

    const later = await app.createCustomer(`later@${domain}`);
    expect((await membersOf(app, org)).sort()).toEqual([...accountIdsOf(atDomain), later.accountId].sort());
    expect((await profileOf(app, later.accountId)).organizations).toEqual([{ id: org.id, name: org.name }]);
    expect(await organizationsOfAccount(app, elsewhere.accountId)).toEqual([]);
  });

  it('without a backfill matches nobody now and adds only customers created later', async () => {
    const domain = uniqueDomain();
    const [existing] = await createCustomers(app, 1, () => `early@${domain}`);
    const org = await createOrganization(app);
    const answer = await app.call('PUT', domainsPath(org), { body: { domains: [domain], backfill: false, dryRun: false } });
    expect(answer.body).toEqual({ domains: [domain], dryRun: false, backfill: false, matched: [] });
    const later = await app.createCustomer(`later@${domain}`);
    expect(await membersOf(app, org)).toEqual([later.accountId]);
    expect(await organizationsOfAccount(app, existing!.accountId)).toEqual([]);
  });

  it('accepts 10 domains and refuses 11 with 400', async () => {
    const org = await createOrganization(app);
    const domains = Array.from({ length: 11 }, uniqueDomain);
    expectJsmError(await app.call('PUT', domainsPath(org), { body: { domains, backfill: false, dryRun: false } }), 400);
    expect((await app.call('PUT', domainsPath(org), { body: { domains: domains.slice(1), backfill: false, dryRun: false } })).status).toBe(200);
  });
});

describe('deleting an organization (DELETE /organization/{id})', () => {
  it('removes it with its 60 memberships and its desk links, and the access they gave', async () => {
    const desks = [await createDesk(app), await createDesk(app)];
    const org = await createOrganization(app);
    for (const desk of desks) await linkOrganization(app, desk, org);
    const members = await createCustomers(app, 60);
    await addMembers(app, org, accountIdsOf(members));
    expect(await accessTo(app, members[0]!.accountId, desks[0]!)).toEqual([{ type: 'organization', organizationId: org.id }]);

    expect((await app.call('DELETE', `${ORGS}/${org.id}`)).status).toBe(204);
    expectJsmError(await app.call('GET', `${ORGS}/${org.id}`), 404);
    expectJsmError(await app.call('GET', usersPath(org)), 404);
    expect(idsOf(await allOrganizations())).not.toContain(org.id);
    for (const desk of desks) expect(await deskOrganizationsOf(app, desk)).not.toContain(org.id);
    for (let i = 0; i < members.length; i += 10) {
      await Promise.all(
        members.slice(i, i + 10).map(async ({ accountId }) => {
          expect(await organizationsOfAccount(app, accountId)).toEqual([]);
          const profile = await profileOf(app, accountId);
          expect(profile.organizations).toEqual([]);
          expect(profile.access.filter((a) => desks.some((d) => d.id === a.serviceDeskId))).toEqual([]);
        }),
      );
    }
    // The name is free again.
    const again = await app.call('POST', ORGS, { body: { name: org.name } });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(org.id);
  });
});

describe('the audit trail of an organization', () => {
  it('records member additions and removals, newest first, with who made them', async () => {
    const admin = await app.createStaff('admin');
    const org = await createOrganization(app);
    const [customer] = await createCustomers(app, 1);
    const initial = await auditOf(app, `organizationId=${org.id}`);
    await addMembers(app, org, [customer!.accountId], { as: admin });
    const afterAdd = await auditOf(app, `organizationId=${org.id}`);
    expect(afterAdd.map((e) => e.action)).toEqual(['organization.members.added', ...initial.map((e) => e.action)]);
    expect(afterAdd[0]).toMatchObject({ id: expect.any(String), created: expect.anything(), actor: { accountId: admin.accountId } });

    expect((await app.call('DELETE', usersPath(org), { body: { accountIds: [customer!.accountId] }, as: admin })).status).toBe(204);
    const afterRemove = await auditOf(app, `organizationId=${org.id}`);
    expect(afterRemove.map((e) => e.action)).toEqual(['organization.members.removed', ...afterAdd.map((e) => e.action)]);
    expect(afterRemove[0]!.actor.accountId).toBe(admin.accountId);
    const times = afterRemove.map((e) => e.created.epochMillis);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
