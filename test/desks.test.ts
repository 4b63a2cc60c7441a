/** Service desks: creating and changing them, their agents and request types, and their direct customers (JSM). */
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import {
  accessTo,
  accountIdsOf,
  addDeskCustomers,
  allPages,
  createAgent,
  createCustomers,
  createDesk,
  deskCustomersOf,
  expectForbiddenOrHidden,
  idsOf,
  uniqueProjectKey,
  unknownAccountId,
  type Desk,
} from '#harness/desks';
import { bearer, signedInCustomer } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const deskPath = (desk: Desk, rest = '') => `/rest/servicedeskapi/servicedesk/${desk.id}${rest}`;

describe('creating a service desk (POST /rest/admin/1/servicedesk)', () => {
  it('answers 201 with the JSM ServiceDesk, readable by id, by project key and in the list of desks', async () => {
    const projectKey = uniqueProjectKey();
    const answer = await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey, projectName: 'IT Help', access: 'restricted' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      id: expect.stringMatching(/^[1-9]\d*$/),
      projectId: expect.any(String),
      projectName: 'IT Help',
      projectKey,
      _links: { self: expect.any(String) },
    });
    const desk: Desk = answer.body;
    const bySelf = await app.call('GET', new URL(desk._links.self).pathname);
    expect(bySelf.status).toBe(200);
    expect(bySelf.body).toMatchObject({ id: desk.id, projectKey, projectName: 'IT Help' });
    const byKey = await app.call('GET', `/rest/servicedeskapi/servicedesk/${projectKey}`);
    expect(byKey.status).toBe(200);
    expect(byKey.body).toMatchObject({ id: desk.id, projectId: desk.projectId, projectKey });
    expect(idsOf((await allPages(app, '/rest/servicedeskapi/servicedesk?limit=100')).values)).toContain(desk.id);
  });

  it('refuses a project key that is taken with 409', async () => {
    const desk = await createDesk(app);
    const again = await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: desk.projectKey, projectName: 'Other', access: 'open' } });
    expectJsmError(again, 409);
    expect((await app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.projectKey}`)).body).toMatchObject({ id: desk.id, projectName: 'Help desk' });
  });

  it('refuses project keys that are not 2 to 10 capital letters with 400', async () => {
    for (const projectKey of ['help', 'H', 'TOOLONGKEY12', 'ABCDEFGHIJK', 'AB1']) {
      const answer = await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey, projectName: 'Bad', access: 'open' } });
      expect([projectKey, answer.status]).toEqual([projectKey, 400]);
      expectJsmError(answer, 400);
    }
  });

  it('gives each new desk a default request type, and lists the ones added later', async () => {
    const desk = await createDesk(app);
    const before = await app.call('GET', deskPath(desk, '/requesttype'));
    expect(before.status).toBe(200);
    expect(before.body.values.length).toBeGreaterThanOrEqual(1);
    for (const rt of before.body.values) {
      expect(rt).toMatchObject({ id: expect.any(String), name: expect.any(String), serviceDeskId: desk.id, _links: { self: expect.any(String) } });
    }
    const added = await app.call('POST', `/rest/admin/1/servicedesk/${desk.id}/requesttype`, {
      body: { name: 'Access request', description: 'Ask for access to a system', helpText: 'Say which system' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      id: expect.any(String),
      name: 'Access request',
      description: 'Ask for access to a system',
      helpText: 'Say which system',
      serviceDeskId: desk.id,
      _links: { self: expect.any(String) },
    });
    const after = (await app.call('GET', deskPath(desk, '/requesttype'))).body.values;
    expect(after).toHaveLength(before.body.values.length + 1);
    expect(after).toContainEqual(expect.objectContaining({ id: added.body.id, name: 'Access request' }));
  });

  it('answers 404 for an unknown desk id or project key', async () => {
    expectJsmError(await app.call('GET', '/rest/servicedeskapi/servicedesk/999999'), 404);
    expectJsmError(await app.call('GET', `/rest/servicedeskapi/servicedesk/${uniqueProjectKey()}`), 404);
    expectJsmError(await app.call('PATCH', '/rest/admin/1/servicedesk/999999', { body: { projectName: 'X' } }), 404);
  });
});

describe('changing a service desk (PATCH /rest/admin/1/servicedesk/{id})', () => {
  it('renames the desk', async () => {
    const desk = await createDesk(app);
    const answer = await app.call('PATCH', `/rest/admin/1/servicedesk/${desk.id}`, { body: { projectName: 'Renamed desk' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: desk.id, projectKey: desk.projectKey, projectName: 'Renamed desk' });
    expect((await app.call('GET', deskPath(desk))).body.projectName).toBe('Renamed desk');
  });

  it('opens a restricted desk to every customer', async () => {
    const desk = await createDesk(app, 'restricted');
    const customer = await app.createCustomer();
    expect(await accessTo(app, customer.accountId, desk)).toBeUndefined();
    expect((await app.call('PATCH', `/rest/admin/1/servicedesk/${desk.id}`, { body: { access: 'open' } })).status).toBe(200);
    expect(await accessTo(app, customer.accountId, desk)).toEqual([{ type: 'open' }]);
  });
});

describe("a desk's description (ours: JSM's ServiceDesk has none)", () => {
  const ADMIN_DESK = '/rest/admin/1/servicedesk';
  const jsmFields = ['_links', 'access', 'ccParticipants', 'id', 'projectId', 'projectKey', 'projectName'];

  it('is set on create and on change, trimmed; the portal lists it; JSM\'s ServiceDesk answers do not carry it', async () => {
    const created = await app.call('POST', ADMIN_DESK, { body: { projectKey: uniqueProjectKey(), projectName: 'Office IT', description: '  Laptops, phones and printers.  ', access: 'restricted' } });
    expect(created.status).toBe(201);
    expect(created.body.description).toBe('Laptops, phones and printers.');
    const desk: Desk = created.body;
    const changed = await app.call('PATCH', `${ADMIN_DESK}/${desk.id}`, { body: { description: 'Anything with a plug.\nNot the coffee machine.' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: desk.id, projectName: 'Office IT', description: 'Anything with a plug.\nNot the coffee machine.' });

    const customer = await signedInCustomer(app, desk);
    const mine = await app.call('GET', '/rest/portal/1/servicedesk', { as: bearer(customer.session) });
    expect(mine.status).toBe(200);
    expect(mine.body.values).toContainEqual(expect.objectContaining({ id: desk.id, description: 'Anything with a plug.\nNot the coffee machine.' }));

    // JSM's routes answer JSM's ServiceDesk (and our access fields), never the description.
    const answers = [
      (await app.call('GET', deskPath(desk))).body,
      (await app.call('GET', deskPath(desk), { as: bearer(customer.session) })).body,
      (await app.call('GET', '/rest/servicedeskapi/servicedesk?limit=100', { as: bearer(customer.session) })).body.values.find((d: Desk) => d.id === desk.id),
    ];
    for (const answer of answers) expect(Object.keys(answer).sort()).toEqual(jsmFields);
  });

  it('defaults to empty, and is cleared with an empty one', async () => {
    const desk = await createDesk(app);
    expect(desk).toMatchObject({ description: '' });
    await app.call('PATCH', `${ADMIN_DESK}/${desk.id}`, { body: { description: 'Soon gone' } });
    const cleared = await app.call('PATCH', `${ADMIN_DESK}/${desk.id}`, { body: { description: '   ' } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.description).toBe('');
  });

  it('takes 1000 characters; more is a 400 that says so and changes nothing, on create and on change', async () => {
    const projectKey = uniqueProjectKey();
    const tooLong = await app.call('POST', ADMIN_DESK, { body: { projectKey, projectName: 'Wordy', description: 'x'.repeat(1001) } });
    expect(expectJsmError(tooLong, 400)).toMatch(/description.*1000/);
    expectJsmError(await app.call('GET', `/rest/servicedeskapi/servicedesk/${projectKey}`), 404);

    const desk = (await app.call('POST', ADMIN_DESK, { body: { projectKey, projectName: 'Wordy', description: 'y'.repeat(1000) } })).body as Desk & { description: string };
    expect(desk.description).toHaveLength(1000);
    const refused = await app.call('PATCH', `${ADMIN_DESK}/${desk.id}`, { body: { projectName: 'Wordier', description: 'z'.repeat(1001) } });
    expect(expectJsmError(refused, 400)).toMatch(/description.*1000/);
    const customer = await signedInCustomer(app, desk);
    const listed = (await app.call('GET', '/rest/portal/1/servicedesk', { as: bearer(customer.session) })).body.values.find((d: Desk) => d.id === desk.id);
    expect(listed).toMatchObject({ projectName: 'Wordy', description: 'y'.repeat(1000) });
  });

  it('a field JSM and we do not know is still refused, and a change must name something to change', async () => {
    const desk = await createDesk(app);
    expect(expectJsmError(await app.call('POST', ADMIN_DESK, { body: { projectKey: uniqueProjectKey(), projectName: 'X', summary: 'no' } }), 400)).toContain('summary');
    expect(expectJsmError(await app.call('PATCH', `${ADMIN_DESK}/${desk.id}`, { body: { descriptionHtml: '<b>no</b>' } }), 400)).toContain('descriptionHtml');
    expect(expectJsmError(await app.call('PATCH', `${ADMIN_DESK}/${desk.id}`, { body: {} }), 400)).toContain('Give projectName, description, access, ccParticipants or acknowledgeRequests');
  });
});

describe('agents of a desk (POST|DELETE /rest/admin/1/servicedesk/{id}/agent)', () => {
  it('an agent sees the desks they work on, and loses a desk when removed from it', async () => {
    const mine = await createDesk(app);
    const other = await createDesk(app);
    const agent = await createAgent(app, mine);
    expect(idsOf((await allPages(app, '/rest/servicedeskapi/servicedesk', { as: agent })).values)).toEqual([mine.id]);
    expect((await app.call('GET', `/rest/servicedeskapi/servicedesk/${mine.projectKey}`, { as: agent })).status).toBe(200);
    expectForbiddenOrHidden(await app.call('GET', deskPath(other), { as: agent }));

    const removed = await app.call('DELETE', `/rest/admin/1/servicedesk/${mine.id}/agent`, { body: { accountIds: [agent.accountId] } });
    expect(removed.status).toBe(204);
    expect((await allPages(app, '/rest/servicedeskapi/servicedesk', { as: agent })).values).toEqual([]);
    expectForbiddenOrHidden(await app.call('GET', deskPath(mine), { as: agent }));
  });

  it('only staff accounts can be agents: a customer or an unknown id is a 400', async () => {
    const desk = await createDesk(app);
    const customer = await app.createCustomer();
    const path = `/rest/admin/1/servicedesk/${desk.id}/agent`;
    expectJsmError(await app.call('POST', path, { body: { accountIds: [customer.accountId] } }), 400);
    const unknown = unknownAccountId();
    expect(expectJsmError(await app.call('POST', path, { body: { accountIds: [unknown] } }), 400)).toContain(unknown);
    expect(await accessTo(app, customer.accountId, desk)).toBeUndefined();
  });
});

describe('the customers of a desk (JSM /servicedesk/{id}/customer)', () => {
  it('adds customers, lists them as JSM users, and removes them', async () => {
    const desk = await createDesk(app);
    const ada = await app.createCustomer(uniqueEmail('ada'), 'Ada Lovelace');
    const bob = await app.createCustomer(uniqueEmail('bob'), 'Bob Babbage');
    const added = await app.call('POST', deskPath(desk, '/customer'), { body: { accountIds: [ada.accountId, bob.accountId] } });
    expect(added.status).toBe(204);

    const page = await app.call('GET', deskPath(desk, '/customer'));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ size: 2, start: 0, isLastPage: true });
    expect(page.body.values).toHaveLength(2);
    expect(page.body.values).toContainEqual({
      accountId: ada.accountId,
      emailAddress: ada.emailAddress,
      displayName: 'Ada Lovelace',
      active: true,
      timeZone: expect.any(String),
      _links: expect.any(Object),
    });

    const removed = await app.call('DELETE', deskPath(desk, '/customer'), { body: { accountIds: [ada.accountId] } });
    expect(removed.status).toBe(204);
    expect(await deskCustomersOf(app, desk)).toEqual([bob.accountId]);
    expect(await accessTo(app, ada.accountId, desk)).toBeUndefined();
    expect(await accessTo(app, bob.accountId, desk)).toEqual([{ type: 'direct' }]);
  });

  it('treats adding an existing customer again as a no-op', async () => {
    const desk = await createDesk(app);
    const customer = await app.createCustomer();
    await addDeskCustomers(app, desk, [customer.accountId]);
    expect((await app.call('POST', deskPath(desk, '/customer'), { body: { accountIds: [customer.accountId] } })).status).toBe(204);
    expect(await deskCustomersOf(app, desk)).toEqual([customer.accountId]);
  });

  it('filters by a case-insensitive prefix of the email or the display name', async () => {
    const desk = await createDesk(app);
    const tag = `zq${Date.now().toString(36)}`;
    const zelda = await app.createCustomer(`${tag}.one@example.test`, 'Zelda Quill');
    const yann = await app.createCustomer(uniqueEmail('yann'), 'Yann Tiersen');
    await addDeskCustomers(app, desk, [zelda.accountId, yann.accountId]);
    const search = async (query: string) =>
      accountIdsOf((await app.call('GET', deskPath(desk, `/customer?query=${encodeURIComponent(query)}`))).body.values).sort();

    expect(await search(tag.toUpperCase())).toEqual([zelda.accountId]);
    expect(await search('zelda')).toEqual([zelda.accountId]);
    expect(await search('YANN T')).toEqual([yann.accountId]);
    expect(await search('elda')).toEqual([]);
    expect(await search('')).toEqual([zelda.accountId, yann.accountId].sort());
  });

  it('unknown account ids in a batch of 50 change nothing: 400 naming the unknown one, none of the 49 added', async () => {
    const desk = await createDesk(app);
    const known = await createCustomers(app, 49);
    const unknown = unknownAccountId();
    const ids = [...accountIdsOf(known).slice(0, 25), unknown, ...accountIdsOf(known).slice(25)];
    expect(ids).toHaveLength(50);
    const answer = await app.call('POST', deskPath(desk, '/customer'), { body: { accountIds: ids } });
    expect(expectJsmError(answer, 400)).toContain(unknown);
    expect(await deskCustomersOf(app, desk)).toEqual([]);
    expect(await accessTo(app, known[0]!.accountId, desk)).toBeUndefined();
    expect(await accessTo(app, known[48]!.accountId, desk)).toBeUndefined();
  });

  it('refuses 51 ids and an empty list with 400', async () => {
    const desk = await createDesk(app);
    const customer = await app.createCustomer();
    const tooMany = [customer.accountId, ...Array.from({ length: 50 }, unknownAccountId)];
    expectJsmError(await app.call('POST', deskPath(desk, '/customer'), { body: { accountIds: tooMany } }), 400);
    expectJsmError(await app.call('POST', deskPath(desk, '/customer'), { body: { accountIds: [] } }), 400);
    expect(await deskCustomersOf(app, desk)).toEqual([]);
  });

  it("shows a customer's new name, email and status in the desk's list after the account changes", async () => {
    const desk = (await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: uniqueProjectKey(), projectName: 'Renames', access: 'restricted' } })).body;
    const customer = await app.createCustomer(uniqueEmail('before'), 'Before Name');
    expect((await app.call('POST', `/rest/servicedeskapi/servicedesk/${desk.id}/customer`, { body: { accountIds: [customer.accountId] } })).status).toBe(204);
    const newEmail = uniqueEmail('after');
    expect((await app.call('PATCH', `/rest/admin/1/customer/${customer.accountId}`, { body: { displayName: 'After Name', email: newEmail } })).status).toBe(200);
    expect((await app.call('PUT', `/rest/servicedeskapi/customer/user/${customer.accountId}/revoke-portal-only-access`)).status).toBe(204);
    const listed = (await app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/customer?query=after`)).body.values;
    expect(listed).toEqual([expect.objectContaining({ accountId: customer.accountId, displayName: 'After Name', emailAddress: newEmail, active: false })]);
  });

  it('answers 404 for the customers of an unknown desk', async () => {
    expectJsmError(await app.call('GET', '/rest/servicedeskapi/servicedesk/999999/customer'), 404);
  });
});

describe('creating desks at the same time', () => {
  it('gives each of 6 parallel creates with different keys its own desk and id', async () => {
    const keys = ['PA', 'PB', 'PC', 'PD', 'PE', 'PF'].map((k) => `${k}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}Q`);
    const answers = await Promise.all(
      keys.map((projectKey) => app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey, projectName: projectKey, access: 'open' } })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(6);
  });
});
