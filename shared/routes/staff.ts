/** Routes of the "staff" function: agents and admins, and their API tokens. */
import * as z from 'zod/mini';
import { emailSchema } from '#model/email';
import { STAFF_ROLES } from '#model/vocabulary';
import { accountPath, displayNameSchema } from './fields';
import { ADMIN, functionRoutes } from './route';

const createStaffBody = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  role: z.enum(STAFF_ROLES),
});

export const staffRoutes = functionRoutes('staff', {
  createStaff: { method: 'POST', path: `${ADMIN}/staff`, role: 'admin', success: 201, body: createStaffBody },
  rotateStaffToken: { method: 'POST', path: `${ADMIN}/staff/{accountId}/token`, role: 'agent', success: 200, params: accountPath },
});
