/** The directory's customer lifecycle, through the HTTP API: create, edit, suspend, restore, anonymize. */
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const profile = (accountId: string) => app.call('GET', `/rest/admin/1/customer/${accountId}`);
const directoryHits = async (query: string) =>
  (await app.call('GET', `/rest/admin/1/customer?query=${encodeURIComponent(query)}&limit=100`)).body.values as Array<{ accountId: string; emailAddress: string }>;

describe('creating a customer (JSM POST /rest/servicedeskapi/customer)', () => {
  it('answers 201 with the JSM User object', async () => {
    const email = uniqueEmail('Ada');
    const answer = await app.call('POST', '/rest/servicedeskapi/customer', { body: { email, displayName: 'Ada Lovelace' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      accountId: expect.stringMatching(/^[0-9a-f]{24}$/),
      emailAddress: email,
      displayName: 'Ada Lovelace',
      active: true,
      timeZone: 'UTC',
      _links: { jiraRest: expect.any(String), avatarUrls: {}, self: `${app.url}/rest/admin/1/customer/${answer.body.accountId}` },
    });
    const read = await app.call('GET', new URL(answer.body._links.self).pathname);
    expect(read.body).toMatchObject({ accountId: answer.body.accountId, status: 'active', accountType: 'portal' });
  });

  it('accepts the legacy fullName field', async () => {
    const answer = await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: uniqueEmail(), fullName: 'Legacy Name' } });
    expect(answer.status).toBe(201);
    expect(answer.body.displayName).toBe('Legacy Name');
  });

  it('refuses a missing display name and an invalid email with 400', async () => {
    expectJsmError(await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: uniqueEmail() } }), 400);
    expectJsmError(await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: 'not-an-email', displayName: 'X' } }), 400);
  });

  it('answers an existing email with 400, or 409 with strictConflictStatusCode=true', async () => {
    const email = uniqueEmail('dup');
    await app.createCustomer(email);
    const plain = await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: email.toUpperCase(), displayName: 'Again' } });
    expect(expectJsmError(plain, 400)).toMatch(/already exists/);
    const strict = await app.call('POST', '/rest/servicedeskapi/customer?strictConflictStatusCode=true', {
      body: { email: `  ${email} `, displayName: 'Again' },
    });
    expectJsmError(strict, 409);
  });

  it('creates exactly one account when 20 callers send the same email in different case and spacing', async () => {
    const local = `race.${Date.now()}`;
    const variants = Array.from({ length: 20 }, (_, i) => {
      const cased = i % 2 === 0 ? `${local}@Example.Test` : `${local.toUpperCase()}@EXAMPLE.test`;
      return `${' '.repeat(i % 3)}${cased}${' '.repeat(i % 4)}`;
    });
    const answers = await Promise.all(
      variants.map((email, i) => app.call('POST', '/rest/servicedeskapi/customer', { body: { email, displayName: `Racer ${i}` } })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 400)).toHaveLength(19);
    const hits = await directoryHits(local);
    expect(hits).toHaveLength(1);
  });
});

describe('editing a customer (PATCH /rest/admin/1/customer/{accountId})', () => {
  it('changes the display name and records who did it', async () => {
    const customer = await app.createCustomer(uniqueEmail(), 'Old Name');
    const answer = await app.call('PATCH', `/rest/admin/1/customer/${customer.accountId}`, { body: { displayName: 'New Name' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ displayName: 'New Name', version: 2 });
    expect(answer.headers.get('etag')).toBe('"2"');
    const audit = await app.call('GET', `/rest/admin/1/audit?accountId=${customer.accountId}`);
    expect(audit.body.values[0]).toMatchObject({
      action: 'account.updated',
      before: { displayName: 'Old Name' },
      after: { displayName: 'New Name' },
    });
    expect(audit.body.values.map((e: { action: string }) => e.action)).toEqual(['account.updated', 'account.created']);
  });

  it('moves the email: the old one is free, the new one is taken', async () => {
    const oldEmail = uniqueEmail('old');
    const newEmail = uniqueEmail('new');
    const customer = await app.createCustomer(oldEmail);
    const answer = await app.call('PATCH', `/rest/admin/1/customer/${customer.accountId}`, { body: { email: newEmail } });
    expect(answer.status).toBe(200);
    expect(answer.body.emailAddress).toBe(newEmail);
    expect((await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: oldEmail, displayName: 'Reuse' } })).status).toBe(201);
    expect((await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: newEmail, displayName: 'Clash' } })).status).toBe(400);
  });

  it('refuses an email that belongs to someone else with 409 and changes nothing', async () => {
    const mine = await app.createCustomer(uniqueEmail('mine'), 'Mine');
    const theirs = await app.createCustomer(uniqueEmail('theirs'), 'Theirs');
    const answer = await app.call('PATCH', `/rest/admin/1/customer/${mine.accountId}`, {
      body: { email: theirs.emailAddress.toUpperCase(), displayName: 'Changed' },
    });
    expectJsmError(answer, 409);
    expect((await profile(mine.accountId)).body).toMatchObject({ emailAddress: mine.emailAddress, displayName: 'Mine', version: 1 });
    expect((await profile(theirs.accountId)).body).toMatchObject({ emailAddress: theirs.emailAddress, version: 1 });
    // Both emails are still claimed by their owners.
    expect((await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: mine.emailAddress, displayName: 'X' } })).status).toBe(400);
    const audit = await app.call('GET', `/rest/admin/1/audit?accountId=${mine.accountId}`);
    expect(audit.body.values.map((e: { action: string }) => e.action)).toEqual(['account.created']);
  });

  it('catches concurrent edits: of five PATCHes made against version 1, one wins and four get 409', async () => {
    const customer = await app.createCustomer(uniqueEmail(), 'Start');
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        app.call('PATCH', `/rest/admin/1/customer/${customer.accountId}`, { body: { displayName: `Editor ${n}` }, headers: { 'if-match': '"1"' } }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const lost of answers.filter((a) => a.status !== 200)) expectJsmError(lost, 409);
    const winner = answers.find((a) => a.status === 200)!;
    expect((await profile(customer.accountId)).body).toMatchObject({ displayName: winner.body.displayName, version: 2 });
  });

  it('refuses unknown fields and an empty change with 400', async () => {
    const customer = await app.createCustomer();
    expectJsmError(await app.call('PATCH', `/rest/admin/1/customer/${customer.accountId}`, { body: { status: 'active' } }), 400);
    expectJsmError(await app.call('PATCH', `/rest/admin/1/customer/${customer.accountId}`, { body: {} }), 400);
  });

  it('answers 404 for an unknown account', async () => {
    expectJsmError(await app.call('GET', '/rest/admin/1/customer/000000000000000000000000'), 404);
    expectJsmError(await app.call('PATCH', '/rest/admin/1/customer/000000000000000000000000', { body: { displayName: 'X' } }), 404);
  });
});

describe('suspending and restoring', () => {
  it('revoke-portal-only-access suspends the customer; restore brings them back', async () => {
    const customer = await app.createCustomer();
    const revoke = await app.call('PUT', `/rest/servicedeskapi/customer/user/${customer.accountId}/revoke-portal-only-access`);
    expect(revoke.status).toBe(204);
    expect((await profile(customer.accountId)).body).toMatchObject({ status: 'suspended', active: false });
    // Idempotent: a second revoke changes nothing.
    expect((await app.call('PUT', `/rest/servicedeskapi/customer/user/${customer.accountId}/revoke-portal-only-access`)).status).toBe(204);
    const suspendedOnly = await app.call('GET', `/rest/admin/1/customer?query=${encodeURIComponent(customer.emailAddress)}&status=suspended`);
    expect(suspendedOnly.body.values.map((v: { accountId: string }) => v.accountId)).toEqual([customer.accountId]);

    expect((await app.call('PUT', `/rest/admin/1/customer/${customer.accountId}/restore`)).status).toBe(204);
    expect((await profile(customer.accountId)).body).toMatchObject({ status: 'active', active: true });
    const actions = (await app.call('GET', `/rest/admin/1/audit?accountId=${customer.accountId}`)).body.values.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['account.restored', 'account.suspended', 'account.created']);
  });

  it('suspends a staff member: their API token stops at once, and stays void after restore until rotated', async () => {
    const agent = await app.createStaff('agent');
    expect((await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent })).status).toBe(200);
    expect((await app.call('PUT', `/rest/servicedeskapi/customer/user/${agent.accountId}/revoke-portal-only-access`)).status).toBe(204);
    expectJsmError(await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent }), 401);
    expectJsmError(await app.call('POST', `/rest/admin/1/staff/${agent.accountId}/token`), 409);
    expect((await app.call('PUT', `/rest/admin/1/customer/${agent.accountId}/restore`)).status).toBe(204);
    expectJsmError(await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: agent }), 401);
    const rotated = await app.call('POST', `/rest/admin/1/staff/${agent.accountId}/token`);
    expect(rotated.status).toBe(200);
    expect((await app.call('GET', '/rest/servicedeskapi/servicedesk', { as: { email: agent.email, token: rotated.body.apiToken } })).status).toBe(200);
  });

  it('an admin cannot suspend their own account', async () => {
    const admin = await app.createStaff('admin');
    expectJsmError(await app.call('PUT', `/rest/servicedeskapi/customer/user/${admin.accountId}/revoke-portal-only-access`, { as: admin }), 400);
  });
});

describe('anonymizing (DELETE /rest/admin/1/customer/{accountId})', () => {
  it('erases name and email, keeps the account id, and frees the email for a new account', async () => {
    const email = uniqueEmail('gone');
    const customer = await app.createCustomer(email, 'Private Person');
    await app.call('PATCH', `/rest/admin/1/customer/${customer.accountId}`, { body: { displayName: 'Private Person Renamed' } });
    expect((await app.call('DELETE', `/rest/admin/1/customer/${customer.accountId}`)).status).toBe(204);

    const after = await profile(customer.accountId);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ accountId: customer.accountId, emailAddress: null, displayName: 'Former user', status: 'anonymized', active: false });
    expect(await directoryHits('private person')).toHaveLength(0);
    expect(await directoryHits(email)).toHaveLength(0);

    const again = await app.call('POST', '/rest/servicedeskapi/customer', { body: { email, displayName: 'Someone New' } });
    expect(again.status).toBe(201);
    expect(again.body.accountId).not.toBe(customer.accountId);

    const audit = await app.call('GET', `/rest/admin/1/audit?accountId=${customer.accountId}`);
    expect(audit.body.values[0]).toMatchObject({ action: 'account.anonymized' });
    const text = JSON.stringify(audit.body);
    expect(text).not.toContain(email);
    expect(text).not.toContain('Private Person');
  });

  it('is idempotent and the anonymized account can no longer be edited', async () => {
    const customer = await app.createCustomer();
    expect((await app.call('DELETE', `/rest/admin/1/customer/${customer.accountId}`)).status).toBe(204);
    expect((await app.call('DELETE', `/rest/admin/1/customer/${customer.accountId}`)).status).toBe(204);
    expectJsmError(await app.call('PATCH', `/rest/admin/1/customer/${customer.accountId}`, { body: { displayName: 'Back' } }), 400);
    expectJsmError(await app.call('PUT', `/rest/admin/1/customer/${customer.accountId}/restore`), 400);
  });
});
