/** What every route does with bad input, missing credentials and failures: JSM-shaped errors, nothing changed. */
import { dynamo } from '#store/client';
import { routeList } from '#routes/table';
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => jest.restoreAllMocks());

const countMatches = async (email: string) =>
  (await app.call('GET', `/rest/admin/1/customer?query=${encodeURIComponent(email)}`)).body.values.length as number;

describe('request bodies', () => {
  it('refuses unknown fields with 400 and creates nothing', async () => {
    const email = uniqueEmail();
    const answer = await app.call('POST', '/rest/servicedeskapi/customer', { body: { email, displayName: 'X', isAdmin: true } });
    expect(expectJsmError(answer, 400)).toMatch(/isAdmin/);
    expect(await countMatches(email)).toBe(0);
  });

  it('refuses malformed JSON with 400', async () => {
    expect(expectJsmError(await app.call('POST', '/rest/servicedeskapi/customer', { rawBody: '{"email": "a@b.test",' }), 400)).toMatch(/JSON/);
  });

  it('refuses a body over 64 KB with 413 and creates nothing', async () => {
    const email = uniqueEmail();
    const rawBody = JSON.stringify({ email, displayName: 'x'.repeat(64 * 1024) });
    expectJsmError(await app.call('POST', '/rest/servicedeskapi/customer', { rawBody }), 413);
    expect(await countMatches(email)).toBe(0);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const answer = await app.call('POST', '/rest/servicedeskapi/customer', {
      rawBody: 'email=a@b.test',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectJsmError(answer, 415);
  });

  it('refuses a missing body with 400', async () => {
    expectJsmError(await app.call('POST', '/rest/servicedeskapi/customer'), 400);
  });

  it('refuses a JSON body of the wrong type with 400', async () => {
    expectJsmError(await app.call('POST', '/rest/servicedeskapi/customer', { body: ['a@b.test'] }), 400);
  });
});

describe('query strings', () => {
  it('refuses unknown query parameters with 400', async () => {
    expect(expectJsmError(await app.call('GET', '/rest/admin/1/customer?sort=name'), 400)).toMatch(/sort/);
  });

  it('refuses any query parameter on a route that declares none', async () => {
    expect(expectJsmError(await app.call('GET', '/rest/servicedeskapi/info?verbose=true', { as: null }), 400)).toMatch(/verbose/);
  });
});

describe('authentication', () => {
  it('asks for credentials with 401 and WWW-Authenticate', async () => {
    const answer = await app.call('GET', '/rest/admin/1/customer', { as: null });
    expectJsmError(answer, 401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('gives the same 401 for a wrong email and for a wrong token', async () => {
    const wrongEmail = await app.call('GET', '/rest/admin/1/customer', { as: { email: 'nobody@example.test', token: app.admin.token } });
    const wrongToken = await app.call('GET', '/rest/admin/1/customer', { as: { email: app.admin.email, token: 'x'.repeat(43) } });
    expectJsmError(wrongEmail, 401);
    expect(wrongToken.status).toBe(401);
    expect(wrongToken.body).toEqual(wrongEmail.body);
  });

  it('refuses other schemes and garbage with 401', async () => {
    for (const authorization of ['Bearer abc', 'Basic !!!', 'Basic ' + Buffer.from('no-colon').toString('base64')]) {
      expectJsmError(await app.call('GET', '/rest/admin/1/customer', { as: null, headers: { authorization } }), 401);
    }
  });

  it('serves the public routes without credentials', async () => {
    const info = await app.call('GET', '/rest/servicedeskapi/info', { as: null });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ version: expect.any(String), _links: { self: `${app.url}/rest/servicedeskapi/info` } });
  });
});

describe('roles', () => {
  it('gives an agent 403 on every admin route, before looking at the input', async () => {
    const agent = await app.createStaff('agent');
    const adminRoutes = routeList().filter((r) => r.role === 'admin');
    expect(adminRoutes.length).toBeGreaterThan(5);
    for (const route of adminRoutes) {
      const path = route.path.replace(/\{[^}]+\}/g, 'abc123');
      const answer = await app.call(route.method, path, { as: agent, body: route.body ? {} : undefined });
      expect([route.operationId, answer.status]).toEqual([route.operationId, 403]);
      expectJsmError(answer, 403);
    }
  });
});

describe('unknown routes and failures', () => {
  it('answers an unknown path with a JSM 404', async () => {
    expectJsmError(await app.call('GET', '/rest/servicedeskapi/nothing-here'), 404);
  });

  it('never shows internals in a 500', async () => {
    jest.spyOn(dynamo(), 'send').mockImplementation(async () => {
      throw new Error('ECONNREFUSED secret-host:8000 at /var/task/index.js:1:2');
    });
    const answer = await app.call('GET', '/rest/servicedeskapi/info', { as: null });
    expect(answer.status).toBe(200);
    const broken = await app.call('GET', '/rest/admin/1/customer', { as: null, headers: { authorization: `Basic ${Buffer.from(`${app.admin.email}:${app.admin.token}`).toString('base64')}` } });
    expectJsmError(broken, 500);
    expect(JSON.stringify(broken.body)).not.toMatch(/ECONNREFUSED|secret-host|var\/task|at /);
  });

  it('changes nothing when the store fails in the middle of a create', async () => {
    const email = uniqueEmail();
    const client = dynamo();
    const original = client.send.bind(client);
    jest.spyOn(client, 'send').mockImplementation(async (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'TransactWriteCommand') throw new Error('injected fault');
      return original(command as never);
    });
    expectJsmError(await app.call('POST', '/rest/servicedeskapi/customer', { body: { email, displayName: 'Faulty' } }), 500);
    jest.restoreAllMocks();
    expect(await countMatches(email)).toBe(0);
    expect((await app.call('POST', '/rest/servicedeskapi/customer', { body: { email, displayName: 'Retry' } })).status).toBe(201);
  });
});
