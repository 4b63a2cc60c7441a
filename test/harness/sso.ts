/**
 * Single sign-on in the tests: the development identity provider (local/identity-provider.ts) as a process of its
 * own on a free port, an identity provider configured for it through the admin API, and a customer's trip through the
 * provider's sign-in form at the HTTP level (a cookie jar and the redirects a browser would follow).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { TestApp } from '#harness/app';
import { uniqueDomain } from '#harness/desks';
import type { DevUser } from '#local/identity-provider';

export const SSO_PASSWORD = 'correct horse battery staple';

export interface TestIdentityProvider {
  issuer: string;
  providerId: string;
  domain: string;
  clientId: string;
  signingKey: JWK;
  /** ada@ and grace@ the domain (verified), eve@ (unverified), mallory@ another domain (verified). */
  users: { ada: string; grace: string; eve: string; mallory: string };
  stop(): Promise<void>;
}

/** A private RS256 JWK, made here so a test can sign a forged answer with the provider's own key. */
const signingKeyPair = async (): Promise<JWK> => {
  const { generateKeyPair, exportJWK } = await import('jose');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
};

const startProcess = (options: object): Promise<{ child: ChildProcess; issuer: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/identity-provider-main.ts'], {
      env: { ...process.env, DEV_IDP_OPTIONS: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`identity provider did not start: ${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /READY (\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, issuer: m[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => reject(new Error(`identity provider exited (${code}): ${output}`)));
  });

/** Starts a provider and configures it through the admin API for a fresh domain (just in time unless told). */
export const startTestIdentityProvider = async (app: TestApp, config: { justInTime?: boolean; passwordSignIn?: boolean } = {}): Promise<TestIdentityProvider> => {
  const domain = uniqueDomain();
  const users = { ada: `ada@${domain}`, grace: `grace@${domain}`, eve: `eve@${domain}`, mallory: `mallory@outside-${domain}` };
  const devUsers: DevUser[] = [
    { email: users.ada, password: SSO_PASSWORD, name: 'Ada Lovelace' },
    { email: users.grace, password: SSO_PASSWORD, name: 'Grace Hopper' },
    { email: users.eve, password: SSO_PASSWORD, name: 'Eve', emailVerified: false },
    { email: users.mallory, password: SSO_PASSWORD, name: 'Mallory' },
  ];
  const clientId = 'service-desk';
  const clientSecret = randomBytes(24).toString('base64url');
  const signingKey = await signingKeyPair();
  const redirectUri = `${process.env.PORTAL_URL}/sso/callback`;
  const { child, issuer } = await startProcess({ port: 0, clients: [{ clientId, clientSecret, redirectUris: [redirectUri] }], users: devUsers, signingKey });
  const providerId = `dev-${randomBytes(4).toString('hex')}`;
  const configured = await app.call('PUT', `/rest/admin/1/identityprovider/${providerId}`, {
    body: { issuer, clientId, clientSecret, domains: [domain], justInTime: config.justInTime ?? true, passwordSignIn: config.passwordSignIn ?? true },
  });
  if (configured.status !== 201) throw new Error(`configure provider: ${configured.status} ${JSON.stringify(configured.body)}`);
  return {
    issuer, providerId, domain, clientId, signingKey, users,
    stop: async () => {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
};

/** A browser's cookies, per host. */
const cookieJar = () => {
  const jar = new Map<string, Map<string, string>>();
  return {
    header: (url: URL) => [...(jar.get(url.host) ?? new Map<string, string>()).entries()].map(([k, v]) => `${k}=${v}`).join('; '),
    keep: (url: URL, response: Response) => {
      const cookies = jar.get(url.host) ?? new Map<string, string>();
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
      }
      jar.set(url.host, cookies);
    },
  };
};

/**
 * Follows the authorization URL as a browser would, signs in on the provider's form with this email and password,
 * and answers the query of the redirect back to the portal (code, state, iss).
 */
export const signInAtProvider = async (authorizationUrl: string, email: string, password = SSO_PASSWORD): Promise<Record<string, string>> => {
  const jar = cookieJar();
  const back = `${process.env.PORTAL_URL}/sso/callback`;
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 12; step += 1) {
    if (url.href.startsWith(back)) return Object.fromEntries(url.searchParams);
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(url), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: form.toString() } : {}),
    });
    jar.keep(url, response);
    const text = await response.text();
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      form = undefined;
      continue;
    }
    const action = /<form method="post" action="([^"]+)"/.exec(text)?.[1];
    if (response.status !== 200 || !action) throw new Error(`provider answered ${response.status}: ${text.slice(0, 300)}`);
    url = new URL(action.replace(/&#47;/g, '/'), url);
    form = new URLSearchParams({ login: email, password });
  }
  throw new Error('too many steps at the provider');
};

/** fetch as it was before any spy of this file. */
const originalFetch = globalThis.fetch;
const urlOf = (input: Parameters<typeof fetch>[0]) => String(input instanceof Request ? input.url : input);

/** Every string value of the provider's token answers (access token, ID token) from now on, as the relying party got them. */
export const observeTokenAnswers = (provider: TestIdentityProvider) => {
  const seen: string[] = [];
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const response = await originalFetch(input, init);
    if (urlOf(input).startsWith(`${provider.issuer}/token`)) {
      seen.push(...Object.values((await response.clone().json()) as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && v.length > 40));
    }
    return response;
  });
  return { seen, restore: () => spy.mockRestore() };
};

/**
 * Fault injection for the token endpoint: the provider's answer, with its ID token's claims changed by `change` and
 * signed again with the provider's own key (a token the provider could have made, naming another issuer, say).
 */
export const forgeIdToken = (provider: TestIdentityProvider, change: (claims: Record<string, unknown>) => Record<string, unknown>) =>
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const response = await originalFetch(input, init);
    if (!urlOf(input).startsWith(`${provider.issuer}/token`)) return response;
    const body = (await response.json()) as { id_token: string };
    const key = await importJWK(provider.signingKey, 'RS256');
    const header = decodeProtectedHeader(body.id_token);
    const idToken = await new SignJWT(change(decodeJwt(body.id_token)))
      .setProtectedHeader({ alg: 'RS256', kid: header.kid! })
      .sign(key);
    return new Response(JSON.stringify({ ...body, id_token: idToken }), { status: 200, headers: { 'content-type': 'application/json' } });
  });
