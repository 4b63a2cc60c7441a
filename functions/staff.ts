/** Lambda "staff": agents and admins, and their API tokens. */
import { createStaff, rotateStaffToken } from '#domain/staff';
import { httpFunction } from '#http/handler';
import { staffRoutes } from '#routes/staff';

export const handler = httpFunction(staffRoutes, {
  createStaff: async ({ body, caller }) => createStaff(caller, body),
  rotateStaffToken: async ({ params, caller }) => rotateStaffToken(caller, params.accountId),
});
