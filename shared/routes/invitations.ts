/** Routes of the "invitations" function: portal invitations, their management by staff, and self sign-up. */
import * as z from 'zod/mini';
import { emailSchema } from '#model/email';
import { LIMITS } from '#model/limits';
import { INVITATION_STATUSES } from '#model/vocabulary';
import { accountIdSchema, deskPath, displayNameSchema, numericIdSchema, pagingQuery } from './fields';
import { ADMIN, JSM, PORTAL, functionRoutes } from './route';

const inviteBody = z.strictObject({
  /** Checked one by one: an invalid address is an `invalid` outcome, not a 400 for the whole call. */
  emails: z.array(z.string().check(z.maxLength(320))).check(z.minLength(1), z.maxLength(LIMITS.invitationsPerCall)),
  serviceDeskId: z.optional(numericIdSchema),
  expiresInDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(30)), 7),
});
/** JSM's body for inviting one customer to a desk (jira.js's ServiceDeskCustomerInvite); the invitee picks their name on accepting. */
const inviteDeskCustomerBody = z.strictObject({ email: z.string().check(z.maxLength(320)), displayName: z.optional(displayNameSchema) });
/** By status (pending when none is given), or every invitation of one account (`accountId`; `status` then narrows it). */
const invitationsQuery = z.strictObject({
  ...pagingQuery,
  status: z.optional(z.enum(INVITATION_STATUSES)),
  serviceDeskId: z.optional(numericIdSchema),
  accountId: z.optional(accountIdSchema),
});
const invitationPath = z.strictObject({ invitationId: z.string().check(z.regex(/^[0-9a-f]{16}$/, 'Not an invitation id')) });
const signUpBody = z.strictObject({ email: emailSchema, displayName: z.optional(displayNameSchema), serviceDeskId: z.optional(numericIdSchema) });

export const invitationRoutes = functionRoutes('invitations', {
  inviteCustomers: { method: 'POST', path: `${ADMIN}/invitation`, role: 'agent', success: 200, body: inviteBody },
  inviteDeskCustomer: { method: 'POST', path: `${JSM}/servicedesk/{serviceDeskId}/customer/invite`, role: 'agent', success: 200, params: deskPath, body: inviteDeskCustomerBody },
  listInvitations: { method: 'GET', path: `${ADMIN}/invitation`, role: 'agent', success: 200, query: invitationsQuery },
  resendInvitation: { method: 'POST', path: `${ADMIN}/invitation/{invitationId}/resend`, role: 'agent', success: 200, params: invitationPath },
  revokeInvitation: { method: 'DELETE', path: `${ADMIN}/invitation/{invitationId}`, role: 'agent', success: 204, params: invitationPath },
  /** Sign-up is an invitation to oneself: served here, so the portal function stays small. */
  signUp: { method: 'POST', path: `${PORTAL}/signup`, role: 'public', success: 202, body: signUpBody },
});
