/**
 * A warm function remembers who a credential identified, and the open desks, for a few seconds (README: Security):
 * a burst of calls pays one read; a change made through this function forgets it at once; a change made elsewhere
 * (another function) is seen once the few seconds have passed.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { requestTypeItem } from '#store/entities/request-type';
import { dynamo, storeMeter, tableName } from '#store/client';
import { accountKeys } from '#store/entities/account';
import { emailClaimKeys } from '#store/entities/email-claim';
import { WARM_MEMORY_MS, rememberedRead } from '#domain/warm-memory';
import { effectiveAccess } from '#domain/access';
import { createDesk } from '#harness/desks';
import { authenticate } from '#http/auth';
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';
import { bearer, getMe, signedInCustomer, type Session } from '#harness/portal';

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
  const later = Date.now() + WARM_MEMORY_MS + 1;
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

  it('identifies a burst of callers presenting the same credential at the same moment with one read', async () => {
    const agent = await app.createStaff('agent');
    const { session } = await signedInCustomer(app);
    expect(await readsOf(() => Promise.all(Array.from({ length: 16 }, () => authenticate(basic(agent), 'agent'))))).toBe(1);
    expect(await readsOf(() => Promise.all(Array.from({ length: 16 }, () => authenticate(`Bearer ${session.token}`, 'customer'))))).toBe(1);
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

describe('a remembered read', () => {
  it('is shared by the callers within the window, read again after it or once forgotten, and never keeps a failure', async () => {
    let reads = 0;
    let fail = false;
    const memory = rememberedRead(async () => {
      reads += 1;
      if (fail) throw new Error('read failed');
      return reads;
    });
    const now = Date.now();
    expect(await Promise.all([memory.get(now), memory.get(now), memory.get(now + WARM_MEMORY_MS - 1)])).toEqual([1, 1, 1]);
    expect(await memory.get(now + WARM_MEMORY_MS)).toBe(2);
    memory.forget();
    expect(await memory.get(now + WARM_MEMORY_MS)).toBe(3);
    memory.forget();
    fail = true;
    await expect(memory.get(now)).rejects.toThrow('read failed');
    fail = false;
    expect(await memory.get(now)).toBe(5);
  });

  it('spares the open-desk Query of a second access decision, and a desk opened here is seen at once', async () => {
    const customer = await app.createCustomer();
    const account = { accountId: customer.accountId, status: 'active' as const };
    await effectiveAccess(account);
    storeMeter.reset();
    const before = await effectiveAccess(account);
    expect(storeMeter.read().commands).toEqual({ QueryCommand: 1 });
    const desk = await createDesk(app, 'open');
    const after = await effectiveAccess(account);
    expect(after.access.map((a) => a.serviceDeskId)).toEqual([...before.access.map((a) => a.serviceDeskId), desk.id]);
  });
});

describe("a desk's configuration in warm memory", () => {
  let n = 0;
  const raise = (session: Session, deskId: string, requestTypeId: string) =>
    app.call('POST', '/rest/servicedeskapi/request', { as: bearer(session), body: { serviceDeskId: deskId, requestTypeId, requestFieldValues: { summary: `Printer on fire ${(n += 1)}` } } });
  const typesOf = async (deskId: string): Promise<string[]> =>
    (await app.call('GET', `/rest/servicedeskapi/servicedesk/${deskId}/requesttype`)).body.values.map((t: { id: string }) => t.id);

  it('lets a customer raise a second request on an open desk with only the number and the transaction', async () => {
    const desk = await createDesk(app, 'open');
    const [typeId] = await typesOf(desk.id);
    const customer = await signedInCustomer(app);
    expect((await raise(customer.session, desk.id, typeId!)).status).toBe(201);
    storeMeter.reset();
    expect((await raise(customer.session, desk.id, typeId!)).status).toBe(201);
    expect(storeMeter.read().commands).toEqual({ UpdateItemCommand: 1, TransactWriteItemsCommand: 1 });
  });

  it('refuses at once a request type deleted here, and a desk restricted here to a customer without access', async () => {
    const desk = await createDesk(app, 'open');
    const created = await app.call('POST', `/rest/admin/1/servicedesk/${desk.id}/requesttype`, { body: { name: 'Spare', description: 'x' } });
    expect(created.status).toBe(201);
    const customer = await signedInCustomer(app);
    expect((await raise(customer.session, desk.id, created.body.id)).status).toBe(201);
    expect((await app.call('DELETE', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype/${created.body.id}`)).status).toBe(204);
    expectJsmError(await raise(customer.session, desk.id, created.body.id), 400);
    const [typeId] = await typesOf(desk.id);
    expect((await app.call('PATCH', `/rest/admin/1/servicedesk/${desk.id}`, { body: { access: 'restricted' } })).status).toBe(200);
    expect((await raise(customer.session, desk.id, typeId!)).status).toBe(403);
  });

  it('finds at once a request type created by another function', async () => {
    const desk = await createDesk(app, 'open');
    const [typeId] = await typesOf(desk.id);
    const customer = await signedInCustomer(app);
    expect((await raise(customer.session, desk.id, typeId!)).status).toBe(201);
    // Another function adds a type: this one's memory is not told, and looks again for a type it does not know.
    const other = { id: `9${Date.now() % 1_000_000}`, serviceDeskId: desk.id, name: 'Elsewhere', description: 'x', helpText: '', createdAt: new Date().toISOString() };
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: requestTypeItem(other) }));
    expect((await raise(customer.session, desk.id, other.id)).status).toBe(201);
  });
});
