/**
 * A development OpenID Connect provider (npm `oidc-provider`, a dev dependency: never in a Lambda bundle) for
 * `npm start` and the tests: its own port, its own clients and users, a sign-in form that checks passwords, consent
 * given by itself. PKCE is required of every client, as the portal always sends it. Not for production: users and
 * sessions live in memory.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type JWK } from 'oidc-provider';

export interface DevUser {
  email: string;
  password: string;
  name: string;
  /** Default true; a user with `false` tests the portal's refusal of unverified emails. */
  emailVerified?: boolean;
}

export interface DevClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface DevIdentityProviderOptions {
  port: number;
  host?: string;
  clients: DevClient[];
  users: DevUser[];
  /** The signing key (a private RSA JWK); random when absent. Tests give theirs to forge answers with it. */
  signingKey?: JWK;
}

export interface RunningIdentityProvider {
  issuer: string;
  stop(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0}
input{display:block;width:100%;padding:.4rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem}.error{color:#a00}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;

const loginForm = (uid: string, email: string, error?: string) =>
  page(
    'Development identity provider',
    `<p>Sign in to continue to the help center.</p>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" aria-label="Sign in">
<label for="login">Email<input id="login" name="login" type="email" autocomplete="username" value="${escapeHtml(email)}" required></label>
<label for="password">Password<input id="password" name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form>`,
  );

const readForm = (req: IncomingMessage): Promise<URLSearchParams> =>
  new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
      if (body.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });

const samePassword = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** A new RS256 signing key as a private JWK. */
export const newSigningKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' } as JWK;
};

export const startDevIdentityProvider = async (options: DevIdentityProviderOptions): Promise<RunningIdentityProvider> => {
  const server: Server = createServer();
  // Every interface (as the API listens), so that `localhost` in the issuer works whichever address it resolves to.
  await new Promise<void>((resolve) => (options.host ? server.listen(options.port, options.host, resolve) : server.listen(options.port, resolve)));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const users = new Map(options.users.map((u) => [u.email.toLowerCase(), u]));

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    jwks: { keys: [options.signingKey ?? (await newSigningKey())] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The ID token of the code flow carries the scopes' claims (email, email_verified, name).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const user = users.get(sub);
      return user ? { accountId: sub, claims: () => ({ sub, email: user.email, email_verified: user.emailVerified ?? true, name: user.name }) } : undefined;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<p class="error" role="alert">${escapeHtml(String(out.error_description ?? out.error))}</p>`);
    },
  });
  provider.proxy = false;
  const callback = provider.callback();

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (details.prompt.name === 'login') {
      if (req.method === 'POST' && action === 'login') {
        const form = await readForm(req);
        const email = (form.get('login') ?? '').trim().toLowerCase();
        const user = users.get(email);
        if (!user || !samePassword(form.get('password') ?? '', user.password)) {
          res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(uid, email, 'Wrong email or password'));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: email } }, { mergeWithLastSubmission: false });
        return;
      }
      const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(uid, hint));
      return;
    }
    // Consent: the help center is this provider's own client; grant what it asked for.
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login))?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!m) return void callback(req, res);
    interaction(req, res, m[1]!, m[2]).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Sign-in error', `<p class="error" role="alert">${escapeHtml((error as Error).message)}</p>`));
    });
  });

  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
