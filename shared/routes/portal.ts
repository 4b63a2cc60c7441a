/** Routes of the "portal" function: customers' sign-in, invitation acceptance, password reset, and their own view. */
import * as z from 'zod/mini';
import { LIMITS } from '#model/limits';
import { displayNameSchema, pagingOnlyQuery, trimmed } from './fields';
import { PORTAL, functionRoutes } from './route';

const passwordSchema = z.string().check(z.minLength(LIMITS.passwordMin), z.maxLength(LIMITS.passwordMax));
const tokenSchema = z.string().check(z.minLength(1), z.maxLength(200));
/**
 * How a session is handed over: `cookie: true` (the portal) sets it as an HttpOnly cookie and answers its CSRF token
 * instead of the token; `keepSignedIn` makes it last past the browser's close.
 */
const sessionOptions = { keepSignedIn: z.optional(z.boolean()), cookie: z.optional(z.boolean()) };
const acceptInvitationBody = z.strictObject({ token: tokenSchema, password: passwordSchema, displayName: z.optional(displayNameSchema), ...sessionOptions });
const loginBody = z.strictObject({ email: trimmed(1, 320), password: z.string().check(z.minLength(1), z.maxLength(LIMITS.passwordMax)), ...sessionOptions });
const forgotPasswordBody = z.strictObject({ email: trimmed(1, 320) });
const resetPasswordBody = z.strictObject({ token: tokenSchema, password: passwordSchema });

export const portalRoutes = functionRoutes('portal', {
  acceptInvitation: { method: 'POST', path: `${PORTAL}/invitation/accept`, role: 'public', success: 200, body: acceptInvitationBody },
  signIn: { method: 'POST', path: `${PORTAL}/login`, role: 'public', success: 200, body: loginBody },
  forgotPassword: { method: 'POST', path: `${PORTAL}/password/forgot`, role: 'public', success: 202, body: forgotPasswordBody },
  resetPassword: { method: 'POST', path: `${PORTAL}/password/reset`, role: 'public', success: 204, body: resetPasswordBody },
  getMe: { method: 'GET', path: `${PORTAL}/me`, role: 'customer', success: 200 },
  getSession: { method: 'GET', path: `${PORTAL}/session`, role: 'customer', success: 200 },
  endSession: { method: 'DELETE', path: `${PORTAL}/session`, role: 'customer', success: 204 },
  listMyDesks: { method: 'GET', path: `${PORTAL}/servicedesk`, role: 'customer', success: 200, query: pagingOnlyQuery },
});
