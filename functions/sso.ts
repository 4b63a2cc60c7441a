/**
 * Lambda "sso": identity providers by email domain (admins) and the portal's sign-in through them. A function of its
 * own: the OpenID Connect relying party (openid-client) and the Secrets Manager client stay out of the portal's bundle.
 */
import { deleteIdentityProvider, getIdentityProviderOrFail, identityProviders, putIdentityProvider } from '#domain/identity-providers';
import { slicePage } from '#domain/paging';
import { completeSignIn, startSignIn } from '#domain/single-sign-on';
import { Reply, httpFunction } from '#http/handler';
import { pageOf } from '#http/paging';
import { identityProviderView } from '#http/identity-provider-view';

export const handler = httpFunction('sso', {
  listIdentityProviders: async (input) => pageOf(input, slicePage(await identityProviders(), input.query), identityProviderView),
  getIdentityProvider: async ({ params }) => identityProviderView(await getIdentityProviderOrFail(params.providerId)),
  putIdentityProvider: async ({ caller, params, body }) => {
    const { provider, created } = await putIdentityProvider(caller, params.providerId, body);
    return new Reply(identityProviderView(provider), {}, created ? 201 : 200);
  },
  deleteIdentityProvider: async ({ caller, params }) => deleteIdentityProvider(caller, params.providerId),
  startSignIn: async ({ body }) => startSignIn(body.email),
  completeSignIn: async ({ body }) => completeSignIn(body),
});
