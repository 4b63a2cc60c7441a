/**
 * `npm start`'s single sign-on: the domain `sso.example` signs in through the development identity provider (its own
 * port), whose user is ada@sso.example. Configured through the same domain function as the admin API; an unknown
 * email of the domain gets an account at its first sign-in.
 */
import { getIdentityProviderOrFail, putIdentityProvider } from '#domain/identity-providers';

export const DEV_SSO = {
  providerId: 'sso-example',
  domain: 'sso.example',
  clientId: 'service-desk-local',
  user: { email: 'ada@sso.example', password: 'correct horse battery staple', name: 'Ada Lovelace' },
} as const;

/** Configures the provider unless it is already there as it should be (a restart keeps its secret and audit trail quiet). */
export const configureDevSingleSignOn = async (issuer: string, clientSecret: string): Promise<void> => {
  const existing = await getIdentityProviderOrFail(DEV_SSO.providerId).catch(() => undefined);
  if (existing?.issuer === issuer && existing.clientId === DEV_SSO.clientId && existing.domains.includes(DEV_SSO.domain)) return;
  await putIdentityProvider({ kind: 'system', name: 'npm-start' }, DEV_SSO.providerId, {
    issuer,
    clientId: DEV_SSO.clientId,
    clientSecret,
    domains: [DEV_SSO.domain],
    justInTime: true,
    passwordSignIn: true,
  });
};
