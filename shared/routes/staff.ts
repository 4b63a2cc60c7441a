/** Routes of the "staff" function: agents and admins, their API tokens, and their sign-in to the staff console. */
import * as z from 'zod/mini';
import { emailSchema } from '#model/email';
import { LIMITS } from '#model/limits';
import { STAFF_ROLES } from '#model/vocabulary';
import { accountPath, displayNameSchema, trimmed } from './fields';
import { ADMIN, CONSOLE, functionRoutes } from './route';

const createStaffBody = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  role: z.enum(STAFF_ROLES),
});

const passwordSchema = z.string().check(z.minLength(LIMITS.passwordMin), z.maxLength(LIMITS.passwordMax));
/** A password given to be checked: any length up to the limit (a wrong one is a 401, not a 400). */
const givenPassword = z.string().check(z.minLength(1), z.maxLength(LIMITS.passwordMax));
const keepSignedIn = z.optional(z.boolean());
const consoleSignInBody = z.strictObject({ email: trimmed(1, 320), password: givenPassword, keepSignedIn });
const setPasswordBody = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(200)), password: passwordSchema, keepSignedIn });
const forgotPasswordBody = z.strictObject({ email: trimmed(1, 320) });
const changePasswordBody = z.strictObject({ currentPassword: givenPassword, newPassword: passwordSchema });

export const staffRoutes = functionRoutes('staff', {
  createStaff: { method: 'POST', path: `${ADMIN}/staff`, role: 'admin', success: 201, body: createStaffBody },
  rotateStaffToken: { method: 'POST', path: `${ADMIN}/staff/{accountId}/token`, role: 'agent', success: 200, params: accountPath },
  signInToConsole: { method: 'POST', path: `${CONSOLE}/session`, role: 'public', success: 200, body: consoleSignInBody },
  getConsoleSession: { method: 'GET', path: `${CONSOLE}/session`, role: 'agent', success: 200 },
  endConsoleSession: { method: 'DELETE', path: `${CONSOLE}/session`, role: 'agent', success: 204 },
  setConsolePassword: { method: 'POST', path: `${CONSOLE}/password`, role: 'public', success: 200, body: setPasswordBody },
  forgotConsolePassword: { method: 'POST', path: `${CONSOLE}/password/forgot`, role: 'public', success: 204, body: forgotPasswordBody },
  changeConsolePassword: { method: 'POST', path: `${CONSOLE}/password/change`, role: 'agent', success: 204, body: changePasswordBody },
});
