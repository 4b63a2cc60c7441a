/**
 * Signing in through a company's identity provider (the development provider on its own port): the customer's
 * account is or becomes a site account, an unknown email gets one just in time, and every check refuses what it
 * should: state, PKCE, issuer, audience, email_verified, the email's domain. Each sign-in is audited.
 */
import { startTestApp, expectJsmError, type TestApp } from '#harness/app';
import { createOrganization } from '#harness/desks';
import { getItem } from '#harness/table';
import { forgeIdToken, observeTokenAnswers, signInAtProvider, startTestIdentityProvider, type TestIdentityProvider } from '#harness/sso';
import { signInStateKeys } from '#store/entities/sign-in-state';
import { hashSecret } from '#domain/secrets';

let app: TestApp;
let idp: TestIdentityProvider;
beforeAll(async () => {
  app = await startTestApp();
  idp = await startTestIdentityProvider(app);
}, 60_000);
afterAll(async () => {
  await idp?.stop();
  await app.close();
});

const start = async (email: string) => {
  const answer = await app.call('POST', '/rest/portal/1/sso/start', { as: null, body: { email } });
  expect(answer.status).toBe(200);
  return answer.body as { method: string; authorizationUrl: string; codeVerifier: string };
};
const complete = (body: Record<string, unknown>) => app.call('POST', '/rest/portal/1/sso/complete', { as: null, body });
/** Start, sign in at the provider as `email`, and answer what the portal would send to complete. */
const returnFromProvider = async (email: string, signInAs = email) => {
  const started = await start(email);
  expect(started.method).toBe('sso');
  const back = await signInAtProvider(started.authorizationUrl, signInAs);
  return { state: back.state!, code: back.code!, iss: back.iss, codeVerifier: started.codeVerifier };
};
const providerAudit = async () =>
  ((await app.call('GET', `/rest/admin/1/audit?identityProviderId=${idp.providerId}&limit=100`)).body.values as Array<{ action: string; after: Record<string, unknown> }>);
const lastRefusal = async () => (await providerAudit()).find((e) => e.action === 'sso.signin.refused')?.after;

it('an email of a domain without a provider signs in with a password; the answer says nothing of the account', async () => {
  const customer = await app.createCustomer();
  expect((await start(customer.emailAddress)).method).toBe('password');
  expect((await start(`nobody@${customer.emailAddress.split('@')[1]}`)).method).toBe('password');
});

it('an unknown email of the domain gets a site account just in time, joins the domain organization, and is signed in; no provider token is stored', async () => {
  const org = await createOrganization(app);
  await app.call('PUT', `/rest/admin/1/organization/${org.id}/domains`, { body: { domains: [idp.domain] } });
  const observed = observeTokenAnswers(idp);
  const given = await returnFromProvider(idp.users.ada);
  const session = await complete(given).finally(observed.restore);
  const tokens = observed.seen;
  expect(session.status).toBe(200);
  expect(session.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });

  const me = await app.call('GET', '/rest/portal/1/me', { as: { bearer: session.body.token } });
  expect(me.body).toMatchObject({ emailAddress: idp.users.ada, displayName: 'Ada Lovelace', accountType: 'site', status: 'active' });
  const members = await app.call('GET', `/rest/servicedeskapi/organization/${org.id}/user`);
  expect(members.body.values.map((u: { emailAddress: string }) => u.emailAddress)).toEqual([idp.users.ada]);
  expect((await providerAudit())[0]).toMatchObject({ action: 'sso.signin', after: { outcome: 'accepted', email: idp.users.ada, justInTime: true } });

  // Nothing the provider answered (access token, ID token) is kept: not with the state, nor anywhere the account is.
  expect(tokens.length).toBeGreaterThan(0);
  const stored = JSON.stringify([await getItem(signInStateKeys(hashSecret(given.state))), (await app.call('GET', `/rest/admin/1/customer/${me.body.accountId}`)).body]);
  for (const token of tokens) expect(stored).not.toContain(token);
});

it('an existing portal-only account becomes a site account at its first single sign-on', async () => {
  const existing = await app.createCustomer(idp.users.grace, 'Grace');
  expect((await app.call('GET', `/rest/admin/1/customer/${existing.accountId}`)).body.accountType).toBe('portal');
  const session = await complete(await returnFromProvider(idp.users.grace));
  expect(session.status).toBe(200);
  const me = await app.call('GET', '/rest/portal/1/me', { as: { bearer: session.body.token } });
  expect(me.body).toMatchObject({ accountId: existing.accountId, accountType: 'site' });
});

it('without just-in-time accounts, an unknown email of the domain is refused and gets no account', async () => {
  const closed = await startTestIdentityProvider(app, { justInTime: false });
  try {
    const started = await start(closed.users.ada);
    const back = await signInAtProvider(started.authorizationUrl, closed.users.ada);
    const refused = await complete({ state: back.state, code: back.code, iss: back.iss, codeVerifier: started.codeVerifier });
    expect(expectJsmError(refused, 401)).toMatch(/no active help center account/);
    expect((await app.call('GET', `/rest/admin/1/customer?query=${encodeURIComponent(closed.users.ada)}`)).body.values).toEqual([]);
  } finally {
    await closed.stop();
  }
});

it('refuses a replayed state, and a state it never issued', async () => {
  const given = await returnFromProvider(idp.users.ada);
  expect((await complete(given)).status).toBe(200);
  expect(expectJsmError(await complete(given), 401)).toMatch(/expired or was already used/);
  expect(await lastRefusal()).toMatchObject({ reason: 'unknown-state', detail: 'replayed' });
  expectJsmError(await complete({ ...given, state: 'never-issued-state' }), 401);
});

it('refuses a return without the PKCE verifier, and with another verifier', async () => {
  const given = await returnFromProvider(idp.users.ada);
  const { codeVerifier, ...withoutVerifier } = given;
  expect(codeVerifier).toBeTruthy();
  expectJsmError(await complete(withoutVerifier), 401);
  expect(await lastRefusal()).toMatchObject({ reason: 'pkce-missing' });

  const other = await returnFromProvider(idp.users.ada);
  expectJsmError(await complete({ ...other, codeVerifier: given.codeVerifier }), 401);
  expect(await lastRefusal()).toMatchObject({ reason: 'pkce-mismatch' });
});

it('refuses an ID token from another issuer, and one for another audience', async () => {
  const wrongIssuer = forgeIdToken(idp, (claims) => ({ ...claims, iss: 'https://evil.example.test' }));
  try {
    expectJsmError(await complete(await returnFromProvider(idp.users.ada)), 401);
  } finally {
    wrongIssuer.mockRestore();
  }
  expect(await lastRefusal()).toMatchObject({ reason: 'token-rejected', detail: expect.stringMatching(/"iss"/) });

  const wrongAudience = forgeIdToken(idp, (claims) => ({ ...claims, aud: 'another-client' }));
  try {
    expectJsmError(await complete(await returnFromProvider(idp.users.ada)), 401);
  } finally {
    wrongAudience.mockRestore();
  }
  expect(await lastRefusal()).toMatchObject({ reason: 'token-rejected', detail: expect.stringMatching(/"aud"/) });
});

it('refuses an email the provider has not verified, and an email outside its domains; no account is made', async () => {
  expect(expectJsmError(await complete(await returnFromProvider(idp.users.eve)), 401)).toMatch(/not verified your email/);
  expect(await lastRefusal()).toMatchObject({ reason: 'email-unverified', email: idp.users.eve });

  expect(expectJsmError(await complete(await returnFromProvider(idp.users.ada, idp.users.mallory)), 401)).toMatch(/outside its domains/);
  expect(await lastRefusal()).toMatchObject({ reason: 'email-outside-domain', email: idp.users.mallory });

  const directory = await app.call('GET', `/rest/admin/1/customer?query=${encodeURIComponent('eve@')}`);
  expect(directory.body.values).toEqual([]);
});
