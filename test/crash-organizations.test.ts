/**
 * Crash at every step of the operations on many memberships: adding several customers to a desk, deleting an
 * organization with a dozen members (a desk link, a property), and setting an organization's email domain with a
 * backfill of the existing customers. The retry is the API client's: the same call again (a DELETE that finds the
 * organization gone answers 404, which is the outcome the client wanted).
 */
import { NotFound } from '#errors';
import { addDeskCustomers, linkOrganization } from '#domain/desks';
import { createCustomer } from '#domain/directory';
import { deleteOrganization } from '#domain/organization-deletion';
import { addOrganizationMembers, createOrganization, setDomains, writeProperty } from '#domain/organizations';
import type { Caller } from '#model/caller';
import { deskOrganizationLinkKeys } from '#store/entities/desk-organization-link';
import { organizationKeys } from '#store/entities/organization';
import { organizationPropertiesPartition } from '#store/entities/organization-property';
import type { Group } from '#store/entities/membership';
import { accountGroups, existingMembers } from '#store/memberships';
import { getDomainOrganizationId, getOrganization, partitionKeys } from '#store/organizations';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { adminCaller, crashEverywhere } from '#harness/crash';
import { createDesk, uniqueDomain, uniqueName, type Desk } from '#harness/desks';
import { getItem } from '#harness/table';

let app: TestApp;
let admin: Caller;
let desk: Desk;
beforeAll(async () => {
  app = await startTestApp();
  admin = await adminCaller(app);
  desk = await createDesk(app);
});
afterAll(() => app.close());
afterEach(() => jest.restoreAllMocks());

const customers = async (count: number, domain = 'example.test') =>
  Promise.all(Array.from({ length: count }, (_, i) => createCustomer(admin, { email: uniqueEmail(`member${i}`).replace('example.test', domain), displayName: `Member ${i}` })));

const expectAllMembers = async (group: Group, accountIds: string[]) => {
  expect([...(await existingMembers(group, accountIds))].sort()).toEqual([...accountIds].sort());
};

it('adding several customers to a desk: each a customer once', async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => (await customers(5)).map((a) => a.accountId),
    run: (ids) => addDeskCustomers(admin, desk.id, ids),
    outcome: (ids) => expectAllMembers({ kind: 'deskCustomers', deskId: desk.id }, ids),
  });
  expect(problems).toEqual([]);
});

it('deleting an organization with a dozen members: nothing of it is left, and nobody keeps access through it', async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => {
      const { organization } = await createOrganization(admin, uniqueName('Doomed'));
      const members = (await customers(12)).map((a) => a.accountId);
      await addOrganizationMembers(admin, organization.id, members);
      await linkOrganization(admin, desk.id, organization.id);
      await writeProperty(admin, organization.id, 'plan', { tier: 'gold' });
      return { id: organization.id, members };
    },
    run: (s) => deleteOrganization(admin, s.id, Date.now() + 60_000),
    retry: (s) =>
      deleteOrganization(admin, s.id, Date.now() + 60_000).catch((error: unknown) => {
        if (!(error instanceof NotFound)) throw error;
      }),
    outcome: async (s) => {
      expect(await getItem(organizationKeys(s.id))).toBeUndefined();
      expect(await getItem(deskOrganizationLinkKeys(desk.id, s.id))).toBeUndefined();
      expect(await existingMembers({ kind: 'organizationMembers', organizationId: s.id }, s.members)).toEqual(new Set());
      expect(await partitionKeys(organizationPropertiesPartition(s.id), 10)).toEqual([]);
      expect(await accountGroups(s.members[0]!)).toEqual([]);
    },
  });
  expect(problems).toEqual([]);
});

it("setting an organization's email domain with a backfill: every existing customer at the domain a member once", async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => {
      const domain = uniqueDomain();
      const { organization } = await createOrganization(admin, uniqueName('Acme'));
      const members = (await customers(4, domain)).map((a) => a.accountId);
      return { id: organization.id, domain, members };
    },
    run: (s) => setDomains(admin, s.id, { domains: [s.domain], backfill: true, dryRun: false }),
    outcome: async (s) => {
      expect((await getOrganization(s.id))?.domains).toEqual([s.domain]);
      expect(await getDomainOrganizationId(s.domain)).toBe(s.id);
      await expectAllMembers({ kind: 'organizationMembers', organizationId: s.id }, s.members);
    },
  });
  expect(problems).toEqual([]);
});
