/**
 * Crash at every step of the changes of an account that is copied onto its memberships (editing, suspending,
 * restoring, anonymizing), and of creating a desk with its default request type. The retry is the API client's:
 * the same call again. Then the table checker finds nothing (in particular, no membership still shows the account
 * as it was) and the change is made once.
 */
import { Conflict } from '#errors';
import { addDeskCustomers, createDesk } from '#domain/desks';
import { anonymizeCustomer, createCustomer, restoreCustomer, suspendCustomer, updateCustomer } from '#domain/directory';
import { addOrganizationMembers, createOrganization } from '#domain/organizations';
import type { Caller } from '#model/caller';
import { getAccount, getEmailClaim } from '#store/accounts';
import { getDesk, getDeskIdByKey, queryRequestTypes } from '#store/desks';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { adminCaller, crashEverywhere } from '#harness/crash';
import { uniqueName, uniqueProjectKey, type Desk } from '#harness/desks';

let app: TestApp;
let admin: Caller;
let desk: Desk;
let organizationId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await adminCaller(app);
  desk = (await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: uniqueProjectKey(), projectName: 'Help', access: 'restricted' } })).body;
  organizationId = (await createOrganization(admin, uniqueName('Copies'))).organization.id;
});
afterAll(() => app.close());
afterEach(() => jest.restoreAllMocks());

/** A customer of the desk and member of the organization: two memberships carry copies of the account. */
const member = async (suspended = false) => {
  const account = await createCustomer(admin, { email: uniqueEmail('copied'), displayName: 'Copied Customer' });
  await addDeskCustomers(admin, desk.id, [account.accountId]);
  await addOrganizationMembers(admin, organizationId, [account.accountId]);
  if (suspended) await suspendCustomer(admin, account.accountId);
  return account;
};

it('editing a name and an email: the new email claimed once, the old one free, every copy up to date', async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => ({ account: await member(), email: uniqueEmail('renamed') }),
    run: (s) => updateCustomer(admin, s.account.accountId, { displayName: 'Renamed Customer', email: s.email }),
    outcome: async (s) => {
      expect(await getAccount(s.account.accountId)).toMatchObject({ displayName: 'Renamed Customer', email: s.email, version: 2 });
      expect(await getEmailClaim(s.account.email!)).toBeUndefined();
    },
  });
  expect(problems).toEqual([]);
});

it('suspending: the account and every copy suspended', async () => {
  const { problems } = await crashEverywhere({
    setUp: () => member(),
    run: (account) => suspendCustomer(admin, account.accountId),
    outcome: async (account) => expect(await getAccount(account.accountId)).toMatchObject({ status: 'suspended', version: 2 }),
  });
  expect(problems).toEqual([]);
});

it('restoring: the account and every copy active again', async () => {
  const { problems } = await crashEverywhere({
    setUp: () => member(true),
    run: (account) => restoreCustomer(admin, account.accountId),
    outcome: async (account) => expect(await getAccount(account.accountId)).toMatchObject({ status: 'active', version: 3 }),
  });
  expect(problems).toEqual([]);
});

it('anonymizing: no name or email left on the account, its copies or its claim', async () => {
  const { problems } = await crashEverywhere({
    setUp: () => member(),
    run: (account) => anonymizeCustomer(admin, account.accountId),
    outcome: async (account) => {
      expect(await getAccount(account.accountId)).toMatchObject({ status: 'anonymized', email: null, version: 2 });
      expect(await getEmailClaim(account.email!)).toBeUndefined();
    },
  });
  expect(problems).toEqual([]);
});

it('creating a desk: one desk under its key, with its default request type', async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => uniqueProjectKey(),
    run: (projectKey) => createDesk(admin, { projectKey, projectName: 'Crash desk', access: 'open' }),
    // A retried POST finds the key taken (409): the client reads the desk by its key.
    retry: (projectKey) =>
      createDesk(admin, { projectKey, projectName: 'Crash desk', access: 'open' }).catch((error: unknown) => {
        if (!(error instanceof Conflict)) throw error;
      }),
    outcome: async (projectKey) => {
      const id = await getDeskIdByKey(projectKey);
      expect(await getDesk(id!)).toMatchObject({ projectKey, projectName: 'Crash desk' });
      expect((await queryRequestTypes(id!, { start: 0, limit: 10 })).values).toHaveLength(1);
    },
  });
  expect(problems).toEqual([]);
});
