/** Admins configure identity providers by email domain; the client secret never comes back; password sign-in can be turned off. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { identityProviderKeys } from '#store/entities/identity-provider';
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { uniqueDomain } from '#harness/desks';
import { accept, inviteOne, PASSWORD } from '#harness/portal';
import { getItem, tableFindings } from '#harness/table';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const path = (id: string) => `/rest/admin/1/identityprovider/${id}`;
let n = 0;
const uniqueId = () => `acme-${process.pid}-${++n}`;
const body = (domains: string[], extra: Record<string, unknown> = {}) => ({
  issuer: 'https://login.acme.example/',
  clientId: 'service-desk',
  clientSecret: 'the client secret',
  domains,
  ...extra,
});

it('an admin configures a provider for domains; the secret is kept out of the table and every answer', async () => {
  const id = uniqueId();
  const domain = uniqueDomain();
  const created = await app.call('PUT', path(id), { body: body([domain.toUpperCase(), domain], { justInTime: true }) });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    id, issuer: 'https://login.acme.example', clientId: 'service-desk', domains: [domain], justInTime: true, passwordSignIn: true,
    redirectUri: 'http://portal.test/portal/sso/callback',
  });
  const listed = await app.call('GET', '/rest/admin/1/identityprovider?limit=100');
  expect(listed.body.values.map((p: { id: string }) => p.id)).toContain(id);
  for (const answer of [created, listed, await app.call('GET', path(id))]) expect(JSON.stringify(answer.body)).not.toContain('the client secret');

  expect(JSON.stringify(await getItem(identityProviderKeys(id)))).not.toContain('the client secret');
  expect(readFileSync(join(process.env.LOCAL_SECRETS_DIR!, `identity-provider-${id}`), 'utf8')).toBe('the client secret');
  expect((await tableFindings()).filter((f) => f.invariant === 'identity-provider-domain')).toEqual([]);

  // An update without a secret keeps the stored one; the audit trail names the change and not the secret.
  const updated = await app.call('PUT', path(id), { body: { issuer: 'https://login.acme.example', clientId: 'other', domains: [domain] } });
  expect(updated.status).toBe(200);
  expect(readFileSync(join(process.env.LOCAL_SECRETS_DIR!, `identity-provider-${id}`), 'utf8')).toBe('the client secret');
  const audit = await app.call('GET', `/rest/admin/1/audit?identityProviderId=${id}`);
  expect(audit.body.values.map((e: { action: string }) => e.action)).toEqual(['identityprovider.changed', 'identityprovider.created']);
  expect(JSON.stringify(audit.body)).not.toContain('the client secret');
});

it('refuses bad input with a clear 400 and changes nothing', async () => {
  const id = uniqueId();
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [body([uniqueDomain()], { issuer: 'http://login.acme.example' }), /issuer must be an https URL/],
    [body([uniqueDomain()], { issuer: 'https://login.acme.example/?x=1' }), /issuer must be an https URL/],
    [body(['not a domain']), /domains.0 Not a domain name/],
    [body([]), /domains must have at least 1 items/],
    [body(Array.from({ length: 11 }, uniqueDomain)), /domains must have at most 10 items/],
    [body([uniqueDomain()], { clientSecret: undefined }), /clientSecret is required/],
    [body([uniqueDomain()], { tenant: 'x' }), /unknown field "tenant"/],
  ];
  for (const [given, message] of cases) expect(expectJsmError(await app.call('PUT', path(id), { body: given }), 400)).toMatch(message);
  expectJsmError(await app.call('PUT', path('Not_An_Id'), { body: body([uniqueDomain()]) }), 400);
  expectJsmError(await app.call('GET', path(id)), 404);
  expect(readdirSync(process.env.LOCAL_SECRETS_DIR!)).not.toContain(`identity-provider-${id}`);
});

it('a domain has at most one provider: another provider claiming it gets 409 naming it; a deleted provider frees it', async () => {
  const [first, second] = [uniqueId(), uniqueId()];
  const [shared, own] = [uniqueDomain(), uniqueDomain()];
  expect((await app.call('PUT', path(first), { body: body([shared]) })).status).toBe(201);
  const refused = await app.call('PUT', path(second), { body: body([own, shared]) });
  expect(expectJsmError(refused, 409)).toBe(`These domains belong to another identity provider: ${shared}`);
  expectJsmError(await app.call('GET', path(second)), 404);

  expect((await app.call('DELETE', path(first))).status).toBe(204);
  expectJsmError(await app.call('DELETE', path(first)), 404);
  expect(readdirSync(process.env.LOCAL_SECRETS_DIR!)).not.toContain(`identity-provider-${first}`);
  expect((await app.call('PUT', path(second), { body: body([own, shared]) })).status).toBe(201);
});

it('with password sign-in turned off for a domain, its customers cannot sign in or get a reset mail with a password, and nothing tells whether an email exists', async () => {
  const domain = uniqueDomain();
  const customer = await inviteOne(app, {}, uniqueEmail('pw').replace(/@.*/, `@${domain}`));
  expect((await accept(app, customer.token)).status).toBe(200);
  const id = uniqueId();
  expect((await app.call('PUT', path(id), { body: body([domain], { passwordSignIn: false }) })).status).toBe(201);

  const known = await app.call('POST', '/rest/portal/1/login', { as: null, body: { email: customer.email, password: PASSWORD } });
  const unknown = await app.call('POST', '/rest/portal/1/login', { as: null, body: { email: `nobody@${domain}`, password: PASSWORD } });
  expect(expectJsmError(known, 401)).toMatch(/signs in through its identity provider/);
  expect(unknown.body).toEqual(known.body);

  const before = (await app.inbox(customer.email)).length;
  expect((await app.call('POST', '/rest/portal/1/password/forgot', { as: null, body: { email: customer.email } })).status).toBe(202);
  expect(await app.inbox(customer.email)).toHaveLength(before);

  // Turned back on, the password works again.
  await app.call('PUT', path(id), { body: body([domain], { passwordSignIn: true }) });
  expect((await app.call('POST', '/rest/portal/1/login', { as: null, body: { email: customer.email, password: PASSWORD } })).status).toBe(200);
});
