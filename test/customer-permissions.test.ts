/** What a signed-in portal customer may do with the staff and JSM routes: read their own organizations, nothing else. */
import { expectJsmError, startTestApp, uniqueEmail, type Bearer, type TestApp } from '#harness/app';

let app: TestApp;
let customer: { accountId: string; session: Bearer };
let mine: { id: string };
let theirs: { id: string };

const signedInCustomer = async (): Promise<{ accountId: string; session: Bearer }> => {
  const email = uniqueEmail('portal');
  const invited = await app.call('POST', '/rest/admin/1/invitation', { body: { emails: [email] } });
  const mail = (await app.inbox(email))[0]!;
  const token = decodeURIComponent(/token=([^\s"&<]+)/.exec(mail.body.text ?? '')![1]!);
  const accepted = await app.call('POST', '/rest/portal/1/invitation/accept', { as: null, body: { token, password: 'a long enough password' } });
  expect(accepted.status).toBe(200);
  return { accountId: invited.body.results[0].accountId, session: { bearer: accepted.body.token } };
};

beforeAll(async () => {
  app = await startTestApp();
  customer = await signedInCustomer();
  mine = (await app.call('POST', '/rest/servicedeskapi/organization', { body: { name: `Mine ${uniqueEmail()}` } })).body;
  theirs = (await app.call('POST', '/rest/servicedeskapi/organization', { body: { name: `Theirs ${uniqueEmail()}` } })).body;
  expect((await app.call('POST', `/rest/servicedeskapi/organization/${mine.id}/user`, { body: { accountIds: [customer.accountId] } })).status).toBe(204);
});
afterAll(() => app.close());

describe('a signed-in customer', () => {
  it('lists their own organizations, and only those', async () => {
    const answer = await app.call('GET', '/rest/servicedeskapi/organization', { as: customer.session });
    expect(answer.status).toBe(200);
    expect(answer.body.values.map((o: { id: string }) => o.id)).toEqual([mine.id]);
    const self = await app.call('GET', `/rest/servicedeskapi/organization?accountId=${customer.accountId}`, { as: customer.session });
    expect(self.body.values.map((o: { id: string }) => o.id)).toEqual([mine.id]);
  });

  it("reads their own organization but not another's, nor another account's list", async () => {
    expect((await app.call('GET', `/rest/servicedeskapi/organization/${mine.id}`, { as: customer.session })).status).toBe(200);
    expectJsmError(await app.call('GET', `/rest/servicedeskapi/organization/${theirs.id}`, { as: customer.session }), 404);
    const other = await app.createCustomer();
    expectJsmError(await app.call('GET', `/rest/servicedeskapi/organization?accountId=${other.accountId}`, { as: customer.session }), 403);
  });

  it('lists and reads the desks they may use (JSM), and gets 404 on one they may not', async () => {
    const open = (await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: 'COPEN', projectName: 'Open one', access: 'open' } })).body;
    const closed = (await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: 'CSHUT', projectName: 'Closed one', access: 'restricted' } })).body;
    const listed = (await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: customer.session })).body.values.map((d: { id: string }) => d.id);
    expect(listed).toContain(open.id);
    expect(listed).not.toContain(closed.id);
    expect((await app.call('GET', `/rest/servicedeskapi/servicedesk/${open.projectKey}`, { as: customer.session })).status).toBe(200);
    expect((await app.call('GET', `/rest/servicedeskapi/servicedesk/${open.id}/requesttype`, { as: customer.session })).body.values.length).toBeGreaterThan(0);
    expectJsmError(await app.call('GET', `/rest/servicedeskapi/servicedesk/${closed.id}`, { as: customer.session }), 404);
    expectJsmError(await app.call('GET', `/rest/servicedeskapi/servicedesk/${closed.id}/requesttype`, { as: customer.session }), 404);
  });

  it('gets 403 on the staff routes', async () => {
    const desk = (await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: 'CPERM', projectName: 'Perm', access: 'open' } })).body;
    const attempts: Array<[string, string, unknown?]> = [
      ['POST', '/rest/servicedeskapi/organization', { name: 'Sneaky' }],
      ['GET', `/rest/servicedeskapi/organization/${mine.id}/user`],
      ['POST', `/rest/servicedeskapi/organization/${mine.id}/user`, { accountIds: [customer.accountId] }],
      ['GET', `/rest/servicedeskapi/servicedesk/${desk.id}/customer`],
      ['GET', '/rest/admin/1/customer'],
      ['GET', `/rest/admin/1/audit?accountId=${customer.accountId}`],
      ['POST', '/rest/admin/1/invitation', { emails: ['x@example.test'] }],
      ['POST', '/rest/servicedeskapi/customer', { email: 'y@example.test', displayName: 'Y' }],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await app.call(method, path, { as: customer.session, body });
      expect([method, path, answer.status]).toEqual([method, path, 403]);
    }
  });
});
