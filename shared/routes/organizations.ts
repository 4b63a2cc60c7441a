/** Routes of the "organizations" function: JSM organizations, their members and properties, and email domains. */
import * as z from 'zod/mini';
import { LIMITS } from '#model/limits';
import { accountIdSchema, domainSchema, jsmAccountIds, numericIdSchema, pagingOnlyQuery, pagingQuery, trimmed } from './fields';
import { ADMIN, JSM, functionRoutes } from './route';

const organizationPath = z.strictObject({ organizationId: numericIdSchema });
const createOrganizationBody = z.strictObject({ name: trimmed(1, LIMITS.organizationName) });
const organizationsQuery = z.strictObject({ ...pagingQuery, accountId: z.optional(accountIdSchema) });
/** JSM's UsersOrganizationUpdate: the path names the organization; `organizationId` in the body is accepted and ignored. */
const organizationUsersBody = jsmAccountIds({ organizationId: z.optional(numericIdSchema) });
const propertyPath = z.strictObject({
  organizationId: numericIdSchema,
  propertyKey: z.string().check(z.minLength(1), z.maxLength(LIMITS.propertyKeyLength)),
});
/** Any JSON value; its size is checked in the domain (LIMITS.propertyValueBytes). */
const propertyValueBody = z.json();
const domainsBody = z.strictObject({
  domains: z.array(domainSchema).check(z.maxLength(LIMITS.domainsPerOrganization)),
  backfill: z._default(z.boolean(), false),
  dryRun: z._default(z.boolean(), false),
});

const ORGANIZATION = `${JSM}/organization/{organizationId}`;
const PROPERTY = `${ORGANIZATION}/property/{propertyKey}`;

export const organizationRoutes = functionRoutes('organizations', {
  listOrganizations: { method: 'GET', path: `${JSM}/organization`, role: 'signedIn', success: 200, query: organizationsQuery },
  createOrganization: { method: 'POST', path: `${JSM}/organization`, role: 'agent', success: 201, body: createOrganizationBody },
  getOrganization: { method: 'GET', path: ORGANIZATION, role: 'signedIn', success: 200, params: organizationPath },
  deleteOrganization: { method: 'DELETE', path: ORGANIZATION, role: 'admin', success: 204, params: organizationPath },
  listOrganizationUsers: { method: 'GET', path: `${ORGANIZATION}/user`, role: 'agent', success: 200, params: organizationPath, query: pagingOnlyQuery },
  addOrganizationUsers: { method: 'POST', path: `${ORGANIZATION}/user`, role: 'agent', success: 204, params: organizationPath, body: organizationUsersBody },
  removeOrganizationUsers: { method: 'DELETE', path: `${ORGANIZATION}/user`, role: 'agent', success: 204, params: organizationPath, body: organizationUsersBody },
  listOrganizationProperties: { method: 'GET', path: `${ORGANIZATION}/property`, role: 'agent', success: 200, params: organizationPath },
  getOrganizationProperty: { method: 'GET', path: PROPERTY, role: 'agent', success: 200, params: propertyPath },
  setOrganizationProperty: { method: 'PUT', path: PROPERTY, role: 'agent', success: 200, params: propertyPath, body: propertyValueBody },
  deleteOrganizationProperty: { method: 'DELETE', path: PROPERTY, role: 'agent', success: 204, params: propertyPath },
  getOrganizationDomains: { method: 'GET', path: `${ADMIN}/organization/{organizationId}/domains`, role: 'admin', success: 200, params: organizationPath },
  listOrganizationDesks: { method: 'GET', path: `${ADMIN}/organization/{organizationId}/servicedesk`, role: 'agent', success: 200, params: organizationPath, query: pagingOnlyQuery },
  setOrganizationDomains: { method: 'PUT', path: `${ADMIN}/organization/{organizationId}/domains`, role: 'admin', success: 200, params: organizationPath, body: domainsBody },
});
