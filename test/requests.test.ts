/** Requests through the JSM API: raised by customers with access, seen only by those who may, commented, moved on. */
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';
import { addMembers, createDesk, createOrganization, linkOrganization, firstRequestTypeId } from '#harness/desks';
import { bearer, signedInCustomer, type Session } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const requestTypeOf = (deskId: string): Promise<string> => firstRequestTypeId(app, deskId);

const raise = (session: Session, deskId: string, requestTypeId: string, summary: string, extra: Record<string, unknown> = {}) =>
  app.call('POST', '/rest/servicedeskapi/request', {
    as: bearer(session),
    body: { serviceDeskId: deskId, requestTypeId, requestFieldValues: { summary, description: 'It does not work', ...extra } },
  });

const keysOf = async (session: Session, query = '') =>
  (await app.call('GET', `/rest/servicedeskapi/request${query}`, { as: bearer(session) })).body.values.map((r: { issueKey: string }) => r.issueKey);

describe('finding a request by its key', () => {
  it('finds it by id and by key in any case; a key with a leading zero, a number the desk has not given or a key of no desk is 404', async () => {
    const [desk, other] = [await createDesk(app, 'open'), await createDesk(app, 'open')];
    const { session } = await signedInCustomer(app);
    const raised = (await raise(session, desk.id, await requestTypeOf(desk.id), 'Find me')).body;
    await raise(session, other.id, await requestTypeOf(other.id), 'Elsewhere');
    for (const ref of [raised.issueId, raised.issueKey, raised.issueKey.toLowerCase()]) {
      expect((await app.call('GET', `/rest/servicedeskapi/request/${ref}`, { as: bearer(session) })).body.issueKey).toBe(raised.issueKey);
    }
    for (const ref of [`${desk.projectKey}-01`, `${desk.projectKey}-2`, `${other.projectKey}X-1`, `${desk.projectKey}-0`]) {
      expectJsmError(await app.call('GET', `/rest/servicedeskapi/request/${ref}`, { as: bearer(session) }), 404);
    }
    expectJsmError(await app.call('GET', `/rest/servicedeskapi/request/${desk.projectKey}1`, { as: bearer(session) }), 400);
  });
});

describe('raising requests (POST /rest/servicedeskapi/request)', () => {
  it('answers 201 with the JSM CustomerRequest, numbered from the desk key', async () => {
    const desk = await createDesk(app, 'open');
    const typeId = await requestTypeOf(desk.id);
    const { session, accountId } = await signedInCustomer(app);
    const first = await raise(session, desk.id, typeId, 'Printer on fire');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      issueId: expect.stringMatching(/^\d+$/),
      issueKey: `${desk.projectKey}-1`,
      requestTypeId: typeId,
      serviceDeskId: desk.id,
      createdDate: { iso8601: expect.any(String), jira: expect.any(String), friendly: expect.any(String), epochMillis: expect.any(Number) },
      reporter: { accountId },
      requestFieldValues: [
        { fieldId: 'summary', label: 'Summary', value: 'Printer on fire' },
        { fieldId: 'description', label: 'Description', value: 'It does not work' },
      ],
      currentStatus: { status: 'Waiting for support' },
      _links: { self: expect.any(String) },
    });
    expect((await raise(session, desk.id, typeId, 'Second')).body.issueKey).toBe(`${desk.projectKey}-2`);
    const byKey = await app.call('GET', `/rest/servicedeskapi/request/${desk.projectKey}-1`, { as: bearer(session) });
    expect(byKey.body.issueId).toBe(first.body.issueId);
  });

  it('numbers 10 parallel requests 1 to 10 without a gap or a double', async () => {
    const desk = await createDesk(app, 'open');
    const typeId = await requestTypeOf(desk.id);
    const { session } = await signedInCustomer(app);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => raise(session, desk.id, typeId, `Parallel ${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(answers.map((a) => Number(a.body.issueKey.split('-')[1])).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses a customer without access to a restricted desk with 403', async () => {
    const desk = await createDesk(app, 'restricted');
    const { session } = await signedInCustomer(app);
    expectJsmError(await raise(session, desk.id, await requestTypeOf(desk.id), 'Let me in'), 403);
  });
});

describe('who sees a request', () => {
  it("customer A gets 404 on customer B's request and never lists it", async () => {
    const desk = await createDesk(app, 'open');
    const typeId = await requestTypeOf(desk.id);
    const a = await signedInCustomer(app);
    const b = await signedInCustomer(app);
    const mine = (await raise(b.session, desk.id, typeId, 'B private')).body;
    expectJsmError(await app.call('GET', `/rest/servicedeskapi/request/${mine.issueKey}`, { as: bearer(a.session) }), 404);
    expectJsmError(await app.call('GET', `/rest/servicedeskapi/request/${mine.issueKey}/comment`, { as: bearer(a.session) }), 404);
    expect(await keysOf(a.session)).not.toContain(mine.issueKey);
  });

  it('lists a request shared with a linked organization for its members under ORGANIZATION', async () => {
    const desk = await createDesk(app, 'open');
    const typeId = await requestTypeOf(desk.id);
    const org = await createOrganization(app);
    const reporter = await signedInCustomer(app);
    const colleague = await signedInCustomer(app);
    const outsider = await signedInCustomer(app);
    await addMembers(app, org, [reporter.accountId, colleague.accountId]);
    await linkOrganization(app, desk, org);
    const answer = await raise(reporter.session, desk.id, typeId, 'Team printer', { organizationId: org.id });
    expect(answer.status).toBe(201);
    const shared = answer.body;
    expect(await keysOf(colleague.session, `?requestOwnership=ORGANIZATION&organizationId=${org.id}`)).toEqual([shared.issueKey]);
    expect(await keysOf(colleague.session, '?requestOwnership=ALL_ORGANIZATIONS')).toEqual([shared.issueKey]);
    expect(await keysOf(colleague.session, '?requestOwnership=OWNED_REQUESTS')).toEqual([]);
    expect(await keysOf(outsider.session, '?requestOwnership=ALL_REQUESTS')).toEqual([]);
  });
});

describe('comments and transitions', () => {
  it("an agent's public comment mails the reporter, an internal one stays hidden from the customer", async () => {
    const desk = await createDesk(app, 'open');
    const agent = await app.createStaff('agent');
    await app.call('POST', `/rest/admin/1/servicedesk/${desk.id}/agent`, { body: { accountIds: [agent.accountId] } });
    const customer = await signedInCustomer(app);
    const request = (await raise(customer.session, desk.id, await requestTypeOf(desk.id), 'Help')).body;
    const path = `/rest/servicedeskapi/request/${request.issueKey}/comment`;
    expect((await app.call('POST', path, { as: agent, body: { body: 'We are on it', public: true } })).status).toBe(201);
    expect((await app.call('POST', path, { as: agent, body: { body: 'internal note', public: false } })).status).toBe(201);
    const seen = (await app.call('GET', path, { as: bearer(customer.session) })).body.values.map((c: { body: string }) => c.body);
    expect(seen).toEqual(['We are on it']);
    const mails = await app.inbox(customer.email);
    const update = mails.find((m) => m.subject === `[${request.issueKey}] Help` && m.body.text?.includes('replied'));
    expect(update?.body.text).toContain('We are on it');
    expect(mails.some((m) => m.body.text?.includes('internal note'))).toBe(false);
    expectJsmError(await app.call('POST', path, { as: bearer(customer.session), body: { body: 'secret', public: false } }), 400);
  });

  it('the customer resolves their request; OPEN_REQUESTS then no longer lists it', async () => {
    const desk = await createDesk(app, 'open');
    const customer = await signedInCustomer(app);
    const request = (await raise(customer.session, desk.id, await requestTypeOf(desk.id), 'Fixed itself')).body;
    const transitions = await app.call('GET', `/rest/servicedeskapi/request/${request.issueKey}/transition`, { as: bearer(customer.session) });
    const resolve = transitions.body.values.find((t: { name: string }) => t.name === 'Resolve this issue');
    expect((await app.call('POST', `/rest/servicedeskapi/request/${request.issueKey}/transition`, { as: bearer(customer.session), body: { id: resolve.id } })).status).toBe(204);
    expect(await keysOf(customer.session, '?requestStatus=OPEN_REQUESTS')).not.toContain(request.issueKey);
    expect(await keysOf(customer.session, '?requestStatus=CLOSED_REQUESTS')).toContain(request.issueKey);
  });

  it('lists the request with the latest activity first, even on a page of one', async () => {
    const desk = await createDesk(app, 'open');
    const customer = await signedInCustomer(app);
    const typeId = await requestTypeOf(desk.id);
    const older = (await raise(customer.session, desk.id, typeId, 'Older')).body;
    const newer = (await raise(customer.session, desk.id, typeId, 'Newer')).body;
    expect((await keysOf(customer.session, '?requestOwnership=OWNED_REQUESTS&limit=1'))).toEqual([newer.issueKey]);
    await app.call('POST', `/rest/servicedeskapi/request/${older.issueKey}/comment`, { as: bearer(customer.session), body: { body: 'Any news?' } });
    expect((await keysOf(customer.session, '?requestOwnership=OWNED_REQUESTS&limit=1'))).toEqual([older.issueKey]);
    const desks = await app.call('GET', `/rest/servicedeskapi/request?requestOwnership=ALL_REQUESTS&serviceDeskId=${desk.id}&limit=1`);
    expect(desks.body.values.map((r: { issueKey: string }) => r.issueKey)).toEqual([older.issueKey]);
  });

  it('lists comments oldest first, in the order they were made', async () => {
    const desk = await createDesk(app, 'open');
    const customer = await signedInCustomer(app);
    const request = (await raise(customer.session, desk.id, await requestTypeOf(desk.id), 'Chatty')).body;
    const path = `/rest/servicedeskapi/request/${request.issueKey}/comment`;
    const bodies = Array.from({ length: 6 }, (_, i) => `message ${i}`);
    for (const body of bodies) expect((await app.call('POST', path, { body: { body, public: true } })).status).toBe(201);
    expect((await app.call('GET', path)).body.values.map((c: { body: string }) => c.body)).toEqual(bodies);
  });

  it('participants see the request under PARTICIPATED_REQUESTS', async () => {
    const desk = await createDesk(app, 'open');
    const reporter = await signedInCustomer(app);
    const friend = await signedInCustomer(app);
    const request = (await raise(reporter.session, desk.id, await requestTypeOf(desk.id), 'Shared with a friend')).body;
    const added = await app.call('POST', `/rest/servicedeskapi/request/${request.issueKey}/participant`, { as: bearer(reporter.session), body: { accountIds: [friend.accountId] } });
    expect(added.body.values.map((u: { accountId: string }) => u.accountId)).toEqual([friend.accountId]);
    expect(await keysOf(friend.session, '?requestOwnership=PARTICIPATED_REQUESTS')).toEqual([request.issueKey]);
  });
});
