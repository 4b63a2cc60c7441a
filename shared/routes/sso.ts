/** Routes of the "sso" function: the portal's sign-in through a company's identity provider. */
import * as z from 'zod/mini';
import { emailSchema } from '#model/email';
import { PORTAL, functionRoutes } from './route';

const oauthValue = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[\x21-\x7e]+$/, 'must be printable ASCII'));
const ssoStartBody = z.strictObject({ email: emailSchema });
const ssoCompleteBody = z.strictObject({
  state: oauthValue(128),
  code: oauthValue(2048),
  /** RFC 9207: the issuer the provider named in its redirect. */
  iss: z.optional(oauthValue(512)),
  /** The PKCE verifier the portal kept from the start; a sign-in without it is refused (and audited). */
  codeVerifier: z.optional(oauthValue(128)),
  /** As at sign-in: `cookie: true` (the portal) sets the session cookie; `keepSignedIn` makes it last past the browser's close. */
  keepSignedIn: z.optional(z.boolean()),
  cookie: z.optional(z.boolean()),
});

export const ssoRoutes = functionRoutes('sso', {
  startSignIn: { method: 'POST', path: `${PORTAL}/sso/start`, role: 'public', success: 200, body: ssoStartBody },
  completeSignIn: { method: 'POST', path: `${PORTAL}/sso/complete`, role: 'public', success: 200, body: ssoCompleteBody },
});
