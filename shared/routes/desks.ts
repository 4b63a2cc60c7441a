/** Routes of the "desks" function: service desks, their agents, request types, customers and organization links. */
import * as z from 'zod/mini';
import { CUSTOM_FIELD_TYPES, DESK_ACCESS_MODES } from '#model/vocabulary';
import { LIMITS } from '#model/limits';
import {
  accountIdSchema,
  deskPath,
  expandOnlyQuery,
  expandQuery,
  jsmAccountIdsBody,
  numericIdSchema,
  pagingOnlyQuery,
  pagingQuery,
  queryBoolean,
  serviceDeskRefSchema,
  trimmed,
} from './fields';
import { ADMIN, JSM, functionRoutes } from './route';

const projectKeySchema = z.string().check(z.regex(/^[A-Z]{2,10}$/, 'A project key is 2 to 10 capital letters'));
const deskAccessSchema = z.enum(DESK_ACCESS_MODES);
const projectNameSchema = trimmed(1, 255);
/** Ours (JSM's ServiceDesk has none): plain text shown on the desk's card in the portal. */
const deskDescriptionSchema = trimmed(0, LIMITS.deskDescriptionLength);

const createDeskBody = z.strictObject({
  projectKey: projectKeySchema,
  projectName: projectNameSchema,
  description: z._default(deskDescriptionSchema, ''),
  access: z._default(deskAccessSchema, 'restricted'),
});
const updateDeskBody = z
  .strictObject({
    projectName: z.optional(projectNameSchema),
    description: z.optional(deskDescriptionSchema),
    access: z.optional(deskAccessSchema),
    /** Whether people in Cc of a new request by email become its participants (default true). */
    ccParticipants: z.optional(z.boolean()),
    /** Whether a new request's reporter gets a mail confirming it (JSM's "Request created" notification; default true). */
    acknowledgeRequests: z.optional(z.boolean()),
  })
  .check(z.refine((b) => Object.values(b).some((v) => v !== undefined), { error: 'Give projectName, description, access, ccParticipants or acknowledgeRequests' }));
const accountIdsBody = z.strictObject({
  accountIds: z.array(accountIdSchema).check(z.minLength(1), z.maxLength(LIMITS.accountIdsPerCall)),
});
const requestTypeText = {
  name: trimmed(1, 255),
  description: z._default(trimmed(0, 2000), ''),
  helpText: z._default(trimmed(0, 2000), ''),
};
const customFieldSchema = z
  .strictObject({
    fieldId: z.string().check(z.regex(/^customfield_\d{5,6}$/, 'A custom field id is customfield_ and 5 or 6 digits')),
    name: trimmed(1, 255),
    type: z.enum(CUSTOM_FIELD_TYPES),
    required: z._default(z.boolean(), false),
    description: z._default(trimmed(0, 2000), ''),
    values: z.optional(z.array(trimmed(1, 255)).check(z.minLength(1), z.maxLength(100))),
  })
  .check(z.refine((f) => (f.type === 'select') === (f.values !== undefined), { error: 'values are given for a select field, and only for one', path: ['values'] }));
/** Ours: a request type with its custom fields. */
const createRequestTypeBody = z.strictObject({ ...requestTypeText, fields: z._default(z.array(customFieldSchema).check(z.maxLength(30)), []) });
/** JSM's RequestTypeCreate: `issueTypeId` is accepted and ignored (there are no Jira issue types here). */
const jsmCreateRequestTypeBody = z.strictObject({ ...requestTypeText, issueTypeId: z.optional(numericIdSchema) });
const deskCustomersQuery = z.strictObject({ ...pagingQuery, query: z.optional(trimmed(0, LIMITS.searchLength)) });
/** JSM's OrganizationServiceDeskUpdate: the path names the desk; `serviceDeskId` in the body is accepted and ignored. */
const organizationIdBody = z.strictObject({ organizationId: numericIdSchema, serviceDeskId: z.optional(numericIdSchema) });
const requestTypePath = z.strictObject({ serviceDeskId: serviceDeskRefSchema, requestTypeId: numericIdSchema });
const allRequestTypesQuery = z.strictObject({
  ...pagingQuery,
  ...expandQuery,
  searchQuery: z.optional(trimmed(0, 255)),
  /** Repeated or comma-separated. */
  serviceDeskId: z.optional(z.pipe(z.pipe(z.string(), z.transform((v: string) => v.split(',').map((x) => x.trim()))), z.array(z.string().check(z.regex(/^[1-9]\d{0,9}$/, 'Not a valid id'))))),
});
const deskOrganizationsQuery = z.strictObject({ ...pagingQuery, accountId: z.optional(accountIdSchema) });
const requestTypesQuery = z.strictObject({
  ...pagingQuery,
  ...expandQuery,
  searchQuery: z.optional(trimmed(0, 255)),
  groupId: z.optional(numericIdSchema),
  includeHiddenRequestTypesInSearch: z.optional(queryBoolean),
  /** Every request type here is open to the desk's customers: `restricted` lists none. */
  restrictionStatus: z.optional(z.enum(DESK_ACCESS_MODES)),
});

const DESK = `${JSM}/servicedesk/{serviceDeskId}`;
const REQUEST_TYPE = `${DESK}/requesttype/{requestTypeId}`;

export const deskRoutes = functionRoutes('desks', {
  // Staff administration (ours).
  createDesk: { method: 'POST', path: `${ADMIN}/servicedesk`, role: 'admin', success: 201, body: createDeskBody },
  updateDesk: { method: 'PATCH', path: `${ADMIN}/servicedesk/{serviceDeskId}`, role: 'admin', success: 200, params: deskPath, body: updateDeskBody },
  addDeskAgents: { method: 'POST', path: `${ADMIN}/servicedesk/{serviceDeskId}/agent`, role: 'admin', success: 204, params: deskPath, body: accountIdsBody },
  removeDeskAgents: { method: 'DELETE', path: `${ADMIN}/servicedesk/{serviceDeskId}/agent`, role: 'admin', success: 204, params: deskPath, body: accountIdsBody },
  createRequestType: { method: 'POST', path: `${ADMIN}/servicedesk/{serviceDeskId}/requesttype`, role: 'admin', success: 201, params: deskPath, body: createRequestTypeBody },

  // JSM.
  listDesks: { method: 'GET', path: `${JSM}/servicedesk`, role: 'signedIn', success: 200, query: pagingOnlyQuery },
  getDesk: { method: 'GET', path: DESK, role: 'signedIn', success: 200, params: deskPath },
  listRequestTypes: { method: 'GET', path: `${DESK}/requesttype`, role: 'signedIn', success: 200, params: deskPath, query: requestTypesQuery },
  getRequestType: { method: 'GET', path: REQUEST_TYPE, role: 'signedIn', success: 200, params: requestTypePath, query: expandOnlyQuery },
  listRequestTypeFields: { method: 'GET', path: `${REQUEST_TYPE}/field`, role: 'signedIn', success: 200, params: requestTypePath, query: expandOnlyQuery },
  createJsmRequestType: { method: 'POST', path: `${DESK}/requesttype`, role: 'admin', success: 200, params: deskPath, body: jsmCreateRequestTypeBody },
  deleteRequestType: { method: 'DELETE', path: REQUEST_TYPE, role: 'admin', success: 204, params: requestTypePath },
  listAllRequestTypes: { method: 'GET', path: `${JSM}/requesttype`, role: 'signedIn', success: 200, query: allRequestTypesQuery },
  listRequestTypeGroups: { method: 'GET', path: `${DESK}/requesttypegroup`, role: 'signedIn', success: 200, params: deskPath, query: pagingOnlyQuery },
  listDeskCustomers: { method: 'GET', path: `${DESK}/customer`, role: 'agent', success: 200, params: deskPath, query: deskCustomersQuery },
  addDeskCustomers: { method: 'POST', path: `${DESK}/customer`, role: 'agent', success: 204, params: deskPath, body: jsmAccountIdsBody },
  removeDeskCustomers: { method: 'DELETE', path: `${DESK}/customer`, role: 'agent', success: 204, params: deskPath, body: jsmAccountIdsBody },
  listDeskOrganizations: { method: 'GET', path: `${DESK}/organization`, role: 'agent', success: 200, params: deskPath, query: deskOrganizationsQuery },
  linkDeskOrganization: { method: 'POST', path: `${DESK}/organization`, role: 'agent', success: 204, params: deskPath, body: organizationIdBody },
  unlinkDeskOrganization: { method: 'DELETE', path: `${DESK}/organization`, role: 'agent', success: 204, params: deskPath, body: organizationIdBody },
});
