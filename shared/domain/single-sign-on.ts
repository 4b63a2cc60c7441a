/**
 * Single sign-on through a company's identity provider (OpenID Connect, authorization code with PKCE; openid-client
 * is the relying party). The portal starts with the customer's email: a domain with a provider answers the
 * provider's authorization URL and a PKCE verifier that the portal keeps; the provider sends the customer back to
 * the portal, which hands code, state and verifier to `completeSingleSignOn` and gets the same session a password
 * sign-in gives.
 *
 * Checked: the state (stored hashed, single use, 10 minutes), the nonce (derived from the state), PKCE (S256, the
 * verifier matching the challenge stored with the state, and the provider's own check at the token endpoint), the
 * ID token's issuer, audience and signature (openid-client), `email_verified`, and the email's domain against the
 * provider's. Tokens from the provider are used for this call only and never stored. Every sign-in that reaches a
 * provider, accepted or refused, is audited under the provider (and the account, when there is one).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { Unauthorized } from '#errors';
import { logger } from '#logger';
import { getAccount, getEmailClaim, putAccountItems } from '#store/accounts';
import type { IdentityProviderRecord } from '#store/entities/identity-provider';
import { getIdentityProvider, providerOfDomain } from '#store/identity-providers';
import { putSignInState, useSignInState } from '#store/sign-in-states';
import { emailDomainOf } from '#model/email';
import type { AccountRecord } from '#store/entities/account';
import { refreshAccountCopies } from '#store/memberships';
import { readProviderSecret } from '#store/provider-secret-reader';
import { transactWrite } from '#store/transact';
import { auditItems } from './audit';
import { insertAccountJoiningDomain, newAccount } from './directory';
import { forgetAccount } from './warm-memory';
import { ssoRedirectUri } from './portal-links';
import { hashSecret, newSecret } from './secrets';
import { issueSession, type Session } from './sessions';
import type { Caller } from '#model/caller';

const STATE_MS = 10 * 60_000;
const DISCOVERY_MS = 10 * 60_000;
const SCOPE = 'openid email profile';

export type SignInStart = { method: 'password' } | { method: 'sso'; authorizationUrl: string; codeVerifier: string };

/** Why a sign-in was refused: the audit keeps the reason, the customer reads the words. */
const REFUSALS = {
  'unknown-state': 'This sign-in link has expired or was already used: sign in again',
  'pkce-missing': 'The sign-in could not be completed: sign in again',
  'pkce-mismatch': 'The sign-in could not be completed: sign in again',
  'provider-unavailable': 'Your identity provider cannot be reached right now: try again later',
  'token-rejected': 'Your identity provider’s answer could not be verified: sign in again',
  'email-unverified': 'Your identity provider has not verified your email address',
  'email-outside-domain': 'Your identity provider signed you in with an email address outside its domains',
  'no-account': 'There is no active help center account for you: ask the help desk team',
} as const;
export type RefusalReason = keyof typeof REFUSALS;

export class SignInRefused extends Unauthorized {
  constructor(readonly reason: RefusalReason) {
    super(`Single sign-on failed: ${REFUSALS[reason]}`);
  }
}

/** The nonce is derived from the state, so it needs no storage and no one without the state can know it. */
const nonceOf = (state: string) => createHash('sha256').update(`nonce:${state}`).digest('base64url');

const isLoopback = (issuer: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(issuer).hostname);

const configurations = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

/** The provider's metadata (discovery, which checks the issuer it names) and our client, cached per provider version. */
const configurationOf = async (provider: IdentityProviderRecord): Promise<oidc.Configuration> => {
  const key = `${provider.id}#${provider.version}`;
  const cached = configurations.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_MS) return cached.config;
  const config = (async () => {
    const secret = await readProviderSecret(provider.id);
    if (secret === undefined) throw new Error(`identity provider ${provider.id} has no client secret`);
    return oidc.discovery(new URL(provider.issuer), provider.clientId, secret, undefined, {
      // Plain http only for a provider on this machine (the development provider of `npm start`).
      execute: isLoopback(provider.issuer) ? [oidc.allowInsecureRequests] : [],
    });
  })();
  configurations.set(key, { at: Date.now(), config });
  config.catch(() => configurations.delete(key));
  return config;
};

/** The provider of this email's domain, if any: where the portal sends the customer, with a new single-use state. */
export const startSignIn = async (email: string, now = Date.now()): Promise<SignInStart> => {
  const provider = await providerOfDomain(emailDomainOf(email));
  if (!provider) return { method: 'password' };
  let config: oidc.Configuration;
  try {
    config = await configurationOf(provider);
  } catch (error) {
    logger.warn('identity provider unavailable', { providerId: provider.id, error: error as Error });
    throw new SignInRefused('provider-unavailable');
  }
  const state = newSecret();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const codeChallenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
  await putSignInState({ stateHash: hashSecret(state), providerId: provider.id, codeChallenge, validUntil: now + STATE_MS });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(),
    scope: SCOPE,
    state,
    nonce: nonceOf(state),
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    login_hint: email,
  });
  return { method: 'sso', authorizationUrl: url.href, codeVerifier };
};

export interface SignInReturn {
  state: string;
  code: string;
  iss?: string | undefined;
  codeVerifier?: string | undefined;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const audit = async (caller: Caller, provider: IdentityProviderRecord, accountId: string | undefined, after: Record<string, unknown>): Promise<void> => {
  const subjects = [{ type: 'identityprovider' as const, id: provider.id }, ...(accountId ? [{ type: 'account' as const, id: accountId }] : [])];
  await transactWrite(auditItems(caller, after.outcome === 'accepted' ? 'sso.signin' : 'sso.signin.refused', subjects, { after }));
};

const refuse = async (provider: IdentityProviderRecord, reason: RefusalReason, details: Record<string, unknown> = {}, accountId?: string): Promise<never> => {
  await audit({ kind: 'anonymous' }, provider, accountId, { outcome: 'refused', reason, ...details });
  throw new SignInRefused(reason);
};

/** The provider's token answer, checked by openid-client: state, nonce, PKCE, issuer, audience, signature, expiry. */
const redeemCode = async (provider: IdentityProviderRecord, input: SignInReturn & { codeVerifier: string }) => {
  let config: oidc.Configuration;
  try {
    config = await configurationOf(provider);
  } catch (error) {
    logger.warn('identity provider unavailable', { providerId: provider.id, error: error as Error });
    return refuse(provider, 'provider-unavailable');
  }
  const callback = new URL(ssoRedirectUri());
  callback.searchParams.set('code', input.code);
  callback.searchParams.set('state', input.state);
  if (input.iss !== undefined) callback.searchParams.set('iss', input.iss);
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: input.codeVerifier,
      expectedState: input.state,
      expectedNonce: nonceOf(input.state),
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return refuse(provider, 'token-rejected', { detail: 'no ID token' });
    return claims;
  } catch (error) {
    // What the provider or the checks said, for the audit; the customer gets one sentence.
    const cause = (error as { cause?: unknown }).cause;
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    const detail = `${(error as { code?: string }).code ?? (error as Error).name}: ${(error as Error).message}${why}`.slice(0, 300);
    return refuse(provider, 'token-rejected', { detail });
  }
};

const signInCaller = (account: AccountRecord): Caller => ({ kind: 'customer', accountId: account.accountId, email: account.email ?? '' });

/**
 * The account the provider vouched for: an existing one becomes a site account (an invited one active); an unknown
 * email gets one just in time when the provider allows it, joining the organization of its domain.
 */
const accountFor = async (provider: IdentityProviderRecord, email: string, name: string | undefined, subject: string): Promise<AccountRecord> => {
  const claim = await getEmailClaim(email);
  const existing = claim ? await getAccount(claim.accountId) : undefined;
  const after = { outcome: 'accepted', email, subject };
  if (!existing) {
    if (!provider.justInTime) return refuse(provider, 'no-account', { email, subject });
    const account = newAccount({ email, displayName: name?.trim() || email.split('@')[0] || email, accountType: 'site', status: 'active' });
    const caller = signInCaller(account);
    const event = auditItems(caller, 'sso.signin', [{ type: 'identityprovider', id: provider.id }, { type: 'account', id: account.accountId }], { after: { ...after, justInTime: true } });
    await insertAccountJoiningDomain(caller, account, event);
    return account;
  }
  if (existing.status !== 'active' && existing.status !== 'invited') return refuse(provider, 'no-account', { email, subject, status: existing.status }, existing.accountId);
  if (existing.accountType === 'site' && existing.status === 'active') {
    await audit(signInCaller(existing), provider, existing.accountId, after);
    return existing;
  }
  const updated: AccountRecord = { ...existing, accountType: 'site', status: 'active', updatedAt: new Date().toISOString(), version: existing.version + 1 };
  const change = { before: { accountType: existing.accountType, status: existing.status }, after: { accountType: 'site', status: 'active' } };
  await transactWrite(
    [
      ...putAccountItems(updated, existing.version),
      ...auditItems(signInCaller(existing), 'account.changed', [{ type: 'account', id: existing.accountId }], change),
      ...auditItems(signInCaller(existing), 'sso.signin', [{ type: 'identityprovider', id: provider.id }, { type: 'account', id: existing.accountId }], { after }),
    ],
    { account: () => new SignInRefused('no-account') },
  );
  forgetAccount(updated.accountId);
  await refreshAccountCopies(updated);
  return updated;
};

/** Finishes a sign-in the provider sent back: every check, then the account, then a portal session. */
export const completeSignIn = async (input: SignInReturn, options: { persistent?: boolean | undefined } = {}, now = Date.now()): Promise<Session> => {
  const use = await useSignInState(hashSecret(input.state), now);
  const provider = use ? await getIdentityProvider(use.state.providerId) : undefined;
  if (!use || !provider) {
    // A state we never issued (or of a provider deleted since): no provider's audit trail to write it to.
    logger.warn('single sign-on with an unknown state', { known: Boolean(use) });
    throw new SignInRefused('unknown-state');
  }
  if (!use.firstUse) return refuse(provider, 'unknown-state', { detail: 'replayed' });
  if (use.state.validUntil <= now) return refuse(provider, 'unknown-state', { detail: 'expired' });
  const pending = use.state;
  if (input.codeVerifier === undefined) return refuse(provider, 'pkce-missing');
  if (!sameText(await oidc.calculatePKCECodeChallenge(input.codeVerifier), pending.codeChallenge)) return refuse(provider, 'pkce-mismatch');
  const claims = await redeemCode(provider, { ...input, codeVerifier: input.codeVerifier });
  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (claims.email_verified !== true || !email) return refuse(provider, 'email-unverified', { email, subject: claims.sub });
  if (!provider.domains.includes(emailDomainOf(email))) return refuse(provider, 'email-outside-domain', { email, subject: claims.sub });
  const account = await accountFor(provider, email, typeof claims.name === 'string' ? claims.name : undefined, claims.sub);
  return issueSession(account, options);
};
