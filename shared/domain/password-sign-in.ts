/**
 * Whether an email may sign in with a password: not when its domain's identity provider turned password sign-in off.
 * The answer depends on the domain only, never on whether the email has an account. A leaf of the portal's bundle:
 * no OpenID Connect client, no Secrets Manager.
 */
import { emailDomainOf } from '#model/email';
import { providerOfDomain } from '#store/identity-providers';

export const passwordSignInAllowed = async (email: string): Promise<boolean> => {
  const provider = await providerOfDomain(emailDomainOf(email));
  return !provider || provider.passwordSignIn;
};
