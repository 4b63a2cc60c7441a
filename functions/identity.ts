/**
 * Lambda "identity": admins configure identity providers by email domain. It writes the providers' client secrets
 * (Secrets Manager), so it carries that client; the sign-in itself is the sso function's.
 */
import { deleteIdentityProvider, getIdentityProviderOrFail, identityProviders, putIdentityProvider } from '#domain/identity-providers';
import { slicePage } from '#model/page';
import { Reply, httpFunction } from '#http/handler';
import { identityProviderView } from '#http/identity-provider-view';
import { identityRoutes } from '#routes/identity';
import { pageOf } from '#http/page';

export const handler = httpFunction(identityRoutes, {
  listIdentityProviders: async (input) => pageOf(input, slicePage(await identityProviders(), input.query), identityProviderView),
  getIdentityProvider: async ({ params }) => identityProviderView(await getIdentityProviderOrFail(params.providerId)),
  putIdentityProvider: async ({ caller, params, body }) => {
    const { provider, created } = await putIdentityProvider(caller, params.providerId, body);
    return new Reply(identityProviderView(provider), {}, created ? 201 : 200);
  },
  deleteIdentityProvider: async ({ caller, params }) => deleteIdentityProvider(caller, params.providerId),
});
