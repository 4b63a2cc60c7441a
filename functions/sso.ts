/**
 * Lambda "sso": the portal's sign-in through a company's identity provider (the OpenID Connect relying party,
 * openid-client). A function of its own, so the portal's bundle stays within its budget; it reads the providers'
 * client secrets through the secrets extension and writes none.
 */
import { completeSignIn, startSignIn } from '#domain/single-sign-on';
import { httpFunction } from '#http/handler';
import { guardCookieSignIn, sessionReply } from '#http/session-reply';
import { ssoRoutes } from '#routes/sso';

export const handler = httpFunction(ssoRoutes, {
  startSignIn: async ({ body }) => startSignIn(body.email),
  completeSignIn: async ({ body, headers }) => {
    guardCookieSignIn(body.cookie, headers);
    return sessionReply(await completeSignIn(body, { persistent: body.keepSignedIn }), body.cookie);
  },
});
