/** Routes of the "directory" function: the site-wide customer directory and its audit trail, with their schemas. */
import * as z from 'zod/mini';
import { ACCOUNT_STATUSES, ACCOUNT_TYPES } from '#model/vocabulary';
import { emailSchema } from '#model/email';
import { LIMITS } from '#model/limits';
import { accountIdSchema, accountPath, displayNameSchema, identityProviderIdSchema, numericIdSchema, pagingQuery, queryBoolean, trimmed } from './fields';
import { ADMIN, JSM, functionRoutes } from './route';

const createCustomerBody = z
  .strictObject({
    email: emailSchema,
    displayName: z.optional(displayNameSchema),
    /** JSM's deprecated alias of displayName. */
    fullName: z.optional(displayNameSchema),
  })
  .check(
    z.refine((b) => b.displayName !== undefined || b.fullName !== undefined, { error: 'displayName is required', path: ['displayName'] }),
  );
const createCustomerQuery = z.strictObject({ strictConflictStatusCode: z.optional(queryBoolean) });

const directoryQuery = z.strictObject({
  ...pagingQuery,
  query: z.optional(trimmed(0, LIMITS.searchLength)),
  status: z.optional(z.enum(ACCOUNT_STATUSES)),
  accountType: z.optional(z.enum(ACCOUNT_TYPES)),
});

const updateCustomerBody = z
  .strictObject({ displayName: z.optional(displayNameSchema), email: z.optional(emailSchema) })
  .check(z.refine((b) => b.displayName !== undefined || b.email !== undefined, { error: 'Give displayName or email' }));

const auditQuery = z
  .strictObject({
    ...pagingQuery,
    accountId: z.optional(accountIdSchema),
    organizationId: z.optional(numericIdSchema),
    serviceDeskId: z.optional(numericIdSchema),
    identityProviderId: z.optional(identityProviderIdSchema),
  })
  .check(
    z.refine((q) => [q.accountId, q.organizationId, q.serviceDeskId, q.identityProviderId].filter((v) => v !== undefined).length === 1, {
      error: 'Give exactly one of accountId, organizationId, serviceDeskId, identityProviderId',
    }),
  );

export const directoryRoutes = functionRoutes('directory', {
  createCustomer: { method: 'POST', path: `${JSM}/customer`, role: 'admin', success: 201, body: createCustomerBody, query: createCustomerQuery },
  revokePortalAccess: { method: 'PUT', path: `${JSM}/customer/user/{accountId}/revoke-portal-only-access`, role: 'admin', success: 204, params: accountPath },
  listDirectory: { method: 'GET', path: `${ADMIN}/customer`, role: 'admin', success: 200, query: directoryQuery },
  getCustomer: { method: 'GET', path: `${ADMIN}/customer/{accountId}`, role: 'admin', success: 200, params: accountPath },
  updateCustomer: { method: 'PATCH', path: `${ADMIN}/customer/{accountId}`, role: 'admin', success: 200, params: accountPath, body: updateCustomerBody },
  anonymizeCustomer: { method: 'DELETE', path: `${ADMIN}/customer/{accountId}`, role: 'admin', success: 204, params: accountPath },
  restoreCustomer: { method: 'PUT', path: `${ADMIN}/customer/{accountId}/restore`, role: 'admin', success: 204, params: accountPath },
  listAudit: { method: 'GET', path: `${ADMIN}/audit`, role: 'agent', success: 200, query: auditQuery },
});
