/** Staff accounts and their API tokens: shown once, stored hashed, rotated, and useless once revoked. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#store/client';
import { emailClaimKeys } from '#store/entities/email-claim';
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('creating staff (POST /rest/admin/1/staff)', () => {
  it('returns a 256-bit token once; it signs in, and only its hash is stored', async () => {
    const email = uniqueEmail('agent');
    const answer = await app.call('POST', '/rest/admin/1/staff', { body: { email, displayName: 'Agent Smith', role: 'agent' } });
    expect(answer.status).toBe(201);
    const token: string = answer.body.apiToken;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect((await app.call('GET', '/rest/servicedeskapi/info', { as: { email, token } })).status).toBe(200);
    // Staff sign-in works with any case and spacing of the email.
    expect((await app.call('POST', `/rest/admin/1/staff/${answer.body.accountId}/token`, { as: { email: email.toUpperCase(), token } })).status).toBe(200);

    const profile = await app.call('GET', `/rest/admin/1/customer/${answer.body.accountId}`);
    expect(profile.body).toMatchObject({ accountType: 'site', staffRole: 'agent', status: 'active' });
    expect(JSON.stringify(profile.body)).not.toContain(token);

    const stored = await dynamo().send(new GetCommand({ TableName: tableName(), Key: emailClaimKeys(email) }));
    expect(stored.Item?.apiTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored.Item)).not.toContain(token);
  });

  it('refuses an email that already has an account with 409', async () => {
    const customer = await app.createCustomer();
    const answer = await app.call('POST', '/rest/admin/1/staff', { body: { email: customer.emailAddress, displayName: 'X', role: 'admin' } });
    expectJsmError(answer, 409);
  });

  it('refuses an unknown role with 400', async () => {
    expectJsmError(await app.call('POST', '/rest/admin/1/staff', { body: { email: uniqueEmail(), displayName: 'X', role: 'owner' } }), 400);
  });
});

describe('rotating a token (POST /rest/admin/1/staff/{accountId}/token)', () => {
  it('voids the old token at once', async () => {
    const agent = await app.createStaff('agent');
    const answer = await app.call('POST', `/rest/admin/1/staff/${agent.accountId}/token`);
    expect(answer.status).toBe(200);
    expect(answer.body.apiToken).not.toBe(agent.token);
    expectJsmError(await app.call('POST', `/rest/admin/1/staff/${agent.accountId}/token`, { as: agent }), 401);
    expect((await app.call('POST', `/rest/admin/1/staff/${agent.accountId}/token`, { as: { email: agent.email, token: answer.body.apiToken } })).status).toBe(200);
  });

  it("lets an agent rotate their own token but not another's", async () => {
    const agent = await app.createStaff('agent');
    const other = await app.createStaff('agent');
    expectJsmError(await app.call('POST', `/rest/admin/1/staff/${other.accountId}/token`, { as: agent }), 403);
    expect((await app.call('POST', `/rest/admin/1/staff/${other.accountId}/token`, { as: other })).status).toBe(200);
  });

  it('answers 404 for an account that is not staff', async () => {
    const customer = await app.createCustomer();
    expectJsmError(await app.call('POST', `/rest/admin/1/staff/${customer.accountId}/token`), 404);
  });
});

describe('staff accounts that change', () => {
  it('keeps the token working after an email change, under the new email only', async () => {
    const agent = await app.createStaff('agent');
    const newEmail = uniqueEmail('moved');
    expect((await app.call('PATCH', `/rest/admin/1/customer/${agent.accountId}`, { body: { email: newEmail } })).status).toBe(200);
    expectJsmError(await app.call('GET', '/rest/admin/1/audit?accountId=x', { as: agent }), 401);
    expectJsmError(await app.call('GET', '/rest/admin/1/audit?accountId=x', { as: { email: newEmail, token: agent.token } }), 403);
  });

  it('signs an anonymized staff member out for good', async () => {
    const admin = await app.createStaff('admin');
    expect((await app.call('GET', '/rest/admin/1/customer', { as: admin })).status).toBe(200);
    expect((await app.call('DELETE', `/rest/admin/1/customer/${admin.accountId}`)).status).toBe(204);
    expectJsmError(await app.call('GET', '/rest/admin/1/customer', { as: admin }), 401);
  });

  it('does not let an admin anonymize themselves', async () => {
    const admin = await app.createStaff('admin');
    expectJsmError(await app.call('DELETE', `/rest/admin/1/customer/${admin.accountId}`, { as: admin }), 400);
  });
});
