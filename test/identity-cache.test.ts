/**
 * A warm function remembers who a credential identified for a few seconds (README: Security): a burst of calls pays
 * one read; a change made through this function forgets it at once; a change made elsewhere (another function)
 * is seen once the few seconds have passed.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, storeMeter, tableName } from '#store/client';
import { accountKeys } from '#store/entities/account';
import { emailClaimKeys } from '#store/entities/email-claim';
import { IDENTITY_CACHE_MS } from '#domain/identity-cache';
import { authenticate } from '#http/auth';
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';
import { bearer, getMe, signedInCustomer } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => jest.restoreAllMocks());

const basic = (c: { email: string; token: string }) => `Basic ${Buffer.from(`${c.email}:${c.token}`).toString('base64')}`;
const readsOf = async (work: () => Promise<unknown>): Promise<number> => {
  storeMeter.reset();
  await work();
  return storeMeter.read().roundTrips;
};
/** Time moves on past the window, for the cache (and for everything else that reads the clock). */
const afterTheWindow = () => {
  const later = Date.now() + IDENTITY_CACHE_MS + 1;
  jest.spyOn(Date, 'now').mockReturnValue(later);
};

describe('the identity cache', () => {
  it('authenticates a burst of staff calls with one read', async () => {
    const agent = await app.createStaff('agent');
    expect(await readsOf(() => authenticate(basic(agent), 'agent'))).toBe(1);
    expect(await readsOf(() => authenticate(basic(agent), 'agent'))).toBe(0);
    // A wrong token for the same email is never answered from memory.
    await expect(authenticate(basic({ ...agent, token: `${agent.token}x` }), 'agent')).rejects.toThrow();
  });

  it('forgets a staff token rotated through this function at once', async () => {
    const agent = await app.createStaff('agent');
    expect((await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent })).status).toBe(200);
    expect((await app.call('POST', `/rest/admin/1/staff/${agent.accountId}/token`)).status).toBe(200);
    expectJsmError(await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent }), 401);
  });

  it('forgets a staff member suspended through this function at once', async () => {
    const agent = await app.createStaff('agent');
    expect((await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent })).status).toBe(200);
    expect((await app.call('PUT', `/rest/servicedeskapi/customer/user/${agent.accountId}/revoke-portal-only-access`)).status).toBe(204);
    expectJsmError(await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent }), 401);
  });

  it("forgets a customer's session at once when the account is suspended through this function", async () => {
    const customer = await signedInCustomer(app);
    expect((await getMe(app, customer.session)).status).toBe(200);
    expect((await app.call('PUT', `/rest/servicedeskapi/customer/user/${customer.accountId}/revoke-portal-only-access`)).status).toBe(204);
    expectJsmError(await getMe(app, customer.session), 401);
  });

  it('sees a token revoked by another function once the window has passed, not before', async () => {
    const agent = await app.createStaff('agent');
    expect((await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent })).status).toBe(200);
    // Another function removed the token: this one's memory is not told.
    await dynamo().send(new UpdateCommand({ TableName: tableName(), Key: emailClaimKeys(agent.email), UpdateExpression: 'REMOVE apiTokenHash' }));
    expect((await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent })).status).toBe(200);
    afterTheWindow();
    expectJsmError(await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent }), 401);
  });

  it('sees a session ended by another function once the window has passed, not before', async () => {
    const customer = await signedInCustomer(app);
    expect((await getMe(app, customer.session)).status).toBe(200);
    await dynamo().send(new UpdateCommand({
      TableName: tableName(), Key: accountKeys(customer.accountId), UpdateExpression: 'ADD sessionEpoch :one', ExpressionAttributeValues: { ':one': 1 },
    }));
    expect((await app.call('GET', '/rest/portal/1/me', { as: bearer(customer.session) })).status).toBe(200);
    afterTheWindow();
    expectJsmError(await getMe(app, customer.session), 401);
  });
});
