/**
 * The route table: every HTTP route once, with the function that serves it, the role it requires and the
 * schemas that validate it. Read by CDK (API Gateway routes), by the local gateway and by the OpenAPI generator.
 *
 * Roles: `public` needs no credentials; `customer` a portal session (Bearer); `signedIn` a portal session or staff
 * credentials; `agent` any staff member (agents and admins); `admin` admins only. Finer rules (an agent of *this*
 * desk, a customer's *own* organizations) are checked in the domain.
 */
import type * as z from 'zod/mini';
import * as s from './schemas';

export const FUNCTIONS = ['meta', 'directory', 'staff', 'desks', 'organizations', 'invitations', 'portal', 'requests', 'conversation', 'mail'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export const ROLES = ['public', 'customer', 'signedIn', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the handlers need of a route. Documentation (summaries, tags, answer shapes) lives apart: openapi.ts, summaries.ts, responses.ts. */
export interface RouteSpec {
  method: Method;
  path: string;
  fn: FunctionName;
  role: Role;
  /** Status of a successful answer. */
  success: 200 | 201 | 202 | 204;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
}

const route = <const R extends RouteSpec>(r: R): R => r;

export const routes = {
  getInfo: route({
    method: 'GET', path: '/rest/servicedeskapi/info', fn: 'meta', role: 'public', success: 200, query: s.noQuery,
  }),
  getOpenApi: route({
    method: 'GET', path: '/rest/openapi.json', fn: 'meta', role: 'public', success: 200, query: s.noQuery,
  }),

  createCustomer: route({
    method: 'POST', path: '/rest/servicedeskapi/customer', fn: 'directory', role: 'admin', success: 201, body: s.createCustomerBody, query: s.createCustomerQuery,
  }),
  revokePortalAccess: route({
    method: 'PUT', path: '/rest/servicedeskapi/customer/user/{accountId}/revoke-portal-only-access', fn: 'directory',
    role: 'admin', success: 204,
    params: s.accountPath, query: s.noQuery,
  }),
  listDirectory: route({
    method: 'GET', path: '/rest/admin/1/customer', fn: 'directory', role: 'admin', success: 200, query: s.directoryQuery,
  }),
  getCustomer: route({
    method: 'GET', path: '/rest/admin/1/customer/{accountId}', fn: 'directory', role: 'admin', success: 200,
    params: s.accountPath, query: s.noQuery,
  }),
  updateCustomer: route({
    method: 'PATCH', path: '/rest/admin/1/customer/{accountId}', fn: 'directory', role: 'admin', success: 200,
    params: s.accountPath,
    body: s.updateCustomerBody, query: s.noQuery,
  }),
  anonymizeCustomer: route({
    method: 'DELETE', path: '/rest/admin/1/customer/{accountId}', fn: 'directory', role: 'admin', success: 204,
    params: s.accountPath,
    query: s.noQuery,
  }),
  restoreCustomer: route({
    method: 'PUT', path: '/rest/admin/1/customer/{accountId}/restore', fn: 'directory', role: 'admin', success: 204,
    params: s.accountPath, query: s.noQuery,
  }),
  listAudit: route({
    method: 'GET', path: '/rest/admin/1/audit', fn: 'directory', role: 'agent', success: 200,
    query: s.auditQuery,
  }),

  // ---- Service desks (admin) ----
  createDesk: route({
    method: 'POST', path: '/rest/admin/1/servicedesk', fn: 'desks', role: 'admin', success: 201, body: s.createDeskBody, query: s.noQuery,
  }),
  updateDesk: route({
    method: 'PATCH', path: '/rest/admin/1/servicedesk/{serviceDeskId}', fn: 'desks', role: 'admin', success: 200,
    params: s.deskPath,
    body: s.updateDeskBody, query: s.noQuery,
  }),
  addDeskAgents: route({
    method: 'POST', path: '/rest/admin/1/servicedesk/{serviceDeskId}/agent', fn: 'desks', role: 'admin', success: 204,
    params: s.deskPath, body: s.accountIdsBody,
    query: s.noQuery,
  }),
  removeDeskAgents: route({
    method: 'DELETE', path: '/rest/admin/1/servicedesk/{serviceDeskId}/agent', fn: 'desks', role: 'admin', success: 204,
    params: s.deskPath, body: s.accountIdsBody, query: s.noQuery,
  }),
  createRequestType: route({
    method: 'POST', path: '/rest/admin/1/servicedesk/{serviceDeskId}/requesttype', fn: 'desks', role: 'admin',
    success: 201, params: s.deskPath,
    body: s.createRequestTypeBody, query: s.noQuery,
  }),

  // ---- Service desks (JSM) ----
  listDesks: route({
    method: 'GET', path: '/rest/servicedeskapi/servicedesk', fn: 'desks', role: 'signedIn', success: 200, query: s.pagingOnlyQuery,
  }),
  getDesk: route({
    method: 'GET', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}', fn: 'desks', role: 'signedIn', success: 200,
    params: s.deskPath, query: s.noQuery,
  }),
  listRequestTypes: route({
    method: 'GET', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype', fn: 'desks', role: 'signedIn',
    success: 200, params: s.deskPath, query: s.requestTypesQuery,
  }),
  getRequestType: route({
    method: 'GET', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}', fn: 'desks', role: 'signedIn',
    success: 200, params: s.requestTypePath, query: s.expandOnlyQuery,
  }),
  listRequestTypeFields: route({
    method: 'GET', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field', fn: 'desks', role: 'signedIn',
    success: 200, params: s.requestTypePath, query: s.expandOnlyQuery,
  }),
  createJsmRequestType: route({
    method: 'POST', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype', fn: 'desks', role: 'admin',
    success: 200, params: s.deskPath, body: s.jsmCreateRequestTypeBody, query: s.noQuery,
  }),
  deleteRequestType: route({
    method: 'DELETE', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}', fn: 'desks', role: 'admin',
    success: 204, params: s.requestTypePath, query: s.noQuery,
  }),
  listAllRequestTypes: route({
    method: 'GET', path: '/rest/servicedeskapi/requesttype', fn: 'desks', role: 'signedIn', success: 200,
    query: s.allRequestTypesQuery,
  }),
  listRequestTypeGroups: route({
    method: 'GET', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttypegroup', fn: 'desks', role: 'signedIn',
    success: 200, params: s.deskPath, query: s.pagingOnlyQuery,
  }),
  listDeskCustomers: route({
    method: 'GET', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/customer', fn: 'desks', role: 'agent',
    success: 200, params: s.deskPath,
    query: s.deskCustomersQuery,
  }),
  addDeskCustomers: route({
    method: 'POST', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/customer', fn: 'desks', role: 'agent',
    success: 204, params: s.deskPath,
    body: s.jsmAccountIdsBody, query: s.noQuery,
  }),
  removeDeskCustomers: route({
    method: 'DELETE', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/customer', fn: 'desks', role: 'agent',
    success: 204, params: s.deskPath,
    body: s.jsmAccountIdsBody, query: s.noQuery,
  }),
  listDeskOrganizations: route({
    method: 'GET', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/organization', fn: 'desks', role: 'agent',
    success: 200, params: s.deskPath,
    query: s.deskOrganizationsQuery,
  }),
  linkDeskOrganization: route({
    method: 'POST', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/organization', fn: 'desks', role: 'agent',
    success: 204, params: s.deskPath,
    body: s.organizationIdBody, query: s.noQuery,
  }),
  unlinkDeskOrganization: route({
    method: 'DELETE', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/organization', fn: 'desks', role: 'agent',
    success: 204, params: s.deskPath,
    body: s.organizationIdBody, query: s.noQuery,
  }),

  // ---- Organizations (JSM) ----
  listOrganizations: route({
    method: 'GET', path: '/rest/servicedeskapi/organization', fn: 'organizations', role: 'signedIn', success: 200,
    query: s.organizationsQuery,
  }),
  createOrganization: route({
    method: 'POST', path: '/rest/servicedeskapi/organization', fn: 'organizations', role: 'agent', success: 201,
    body: s.createOrganizationBody, query: s.noQuery,
  }),
  getOrganization: route({
    method: 'GET', path: '/rest/servicedeskapi/organization/{organizationId}', fn: 'organizations', role: 'signedIn',
    success: 200, params: s.organizationPath, query: s.noQuery,
  }),
  deleteOrganization: route({
    method: 'DELETE', path: '/rest/servicedeskapi/organization/{organizationId}', fn: 'organizations', role: 'admin',
    success: 204,
    params: s.organizationPath, query: s.noQuery,
  }),
  listOrganizationUsers: route({
    method: 'GET', path: '/rest/servicedeskapi/organization/{organizationId}/user', fn: 'organizations', role: 'agent',
    success: 200, params: s.organizationPath,
    query: s.pagingOnlyQuery,
  }),
  addOrganizationUsers: route({
    method: 'POST', path: '/rest/servicedeskapi/organization/{organizationId}/user', fn: 'organizations', role: 'agent',
    success: 204, params: s.organizationPath,
    body: s.organizationUsersBody, query: s.noQuery,
  }),
  removeOrganizationUsers: route({
    method: 'DELETE', path: '/rest/servicedeskapi/organization/{organizationId}/user', fn: 'organizations', role: 'agent',
    success: 204, params: s.organizationPath, body: s.organizationUsersBody,
    query: s.noQuery,
  }),
  listOrganizationProperties: route({
    method: 'GET', path: '/rest/servicedeskapi/organization/{organizationId}/property', fn: 'organizations',
    role: 'agent', success: 200,
    params: s.organizationPath, query: s.noQuery,
  }),
  getOrganizationProperty: route({
    method: 'GET', path: '/rest/servicedeskapi/organization/{organizationId}/property/{propertyKey}',
    fn: 'organizations', role: 'agent', success: 200,
    params: s.propertyPath, query: s.noQuery,
  }),
  setOrganizationProperty: route({
    method: 'PUT', path: '/rest/servicedeskapi/organization/{organizationId}/property/{propertyKey}',
    fn: 'organizations', role: 'agent', success: 200,
    params: s.propertyPath, body: s.propertyValueBody, query: s.noQuery,
  }),
  deleteOrganizationProperty: route({
    method: 'DELETE', path: '/rest/servicedeskapi/organization/{organizationId}/property/{propertyKey}',
    fn: 'organizations', role: 'agent', success: 204,
    params: s.propertyPath, query: s.noQuery,
  }),
  setOrganizationDomains: route({
    method: 'PUT', path: '/rest/admin/1/organization/{organizationId}/domains', fn: 'organizations', role: 'admin',
    success: 200,
    params: s.organizationPath, body: s.domainsBody, query: s.noQuery,
  }),

  // ---- Invitations (staff) ----
  inviteCustomers: route({
    method: 'POST', path: '/rest/admin/1/invitation', fn: 'invitations', role: 'agent', success: 200,
    body: s.inviteBody, query: s.noQuery,
  }),
  inviteDeskCustomer: route({
    method: 'POST', path: '/rest/servicedeskapi/servicedesk/{serviceDeskId}/customer/invite', fn: 'invitations', role: 'agent',
    success: 200, params: s.deskPath, body: s.inviteDeskCustomerBody, query: s.noQuery,
  }),
  listInvitations: route({
    method: 'GET', path: '/rest/admin/1/invitation', fn: 'invitations', role: 'agent', success: 200, query: s.invitationsQuery,
  }),
  resendInvitation: route({
    method: 'POST', path: '/rest/admin/1/invitation/{invitationId}/resend', fn: 'invitations', role: 'agent',
    success: 200,
    params: s.invitationPath, query: s.noQuery,
  }),
  revokeInvitation: route({
    method: 'DELETE', path: '/rest/admin/1/invitation/{invitationId}', fn: 'invitations', role: 'agent', success: 204,
    params: s.invitationPath, query: s.noQuery,
  }),

  // ---- Portal (customers) ----
  acceptInvitation: route({
    method: 'POST', path: '/rest/portal/1/invitation/accept', fn: 'portal', role: 'public', success: 200, body: s.acceptInvitationBody,
    query: s.noQuery,
  }),
  signIn: route({
    method: 'POST', path: '/rest/portal/1/login', fn: 'portal', role: 'public', success: 200, body: s.loginBody, query: s.noQuery,
  }),
  signUp: route({
    method: 'POST', path: '/rest/portal/1/signup', fn: 'invitations', role: 'public', success: 202,
    body: s.signUpBody, query: s.noQuery,
  }),
  forgotPassword: route({
    method: 'POST', path: '/rest/portal/1/password/forgot', fn: 'portal', role: 'public', success: 202, body: s.forgotPasswordBody, query: s.noQuery,
  }),
  resetPassword: route({
    method: 'POST', path: '/rest/portal/1/password/reset', fn: 'portal', role: 'public', success: 204, body: s.resetPasswordBody,
    query: s.noQuery,
  }),
  getMe: route({
    method: 'GET', path: '/rest/portal/1/me', fn: 'portal', role: 'customer', success: 200, query: s.noQuery,
  }),
  listMyDesks: route({
    method: 'GET', path: '/rest/portal/1/servicedesk', fn: 'portal', role: 'customer', success: 200, query: s.pagingOnlyQuery,
  }),

  // ---- Requests (JSM) ----
  createRequest: route({
    method: 'POST', path: '/rest/servicedeskapi/request', fn: 'requests', role: 'signedIn', success: 201, body: s.createRequestBody, query: s.noQuery,
  }),
  listRequests: route({
    method: 'GET', path: '/rest/servicedeskapi/request', fn: 'requests', role: 'signedIn', success: 200, query: s.requestsQuery,
  }),
  getRequest: route({
    method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}', fn: 'requests', role: 'signedIn', success: 200,
    params: s.requestPath, query: s.expandOnlyQuery,
  }),
  listComments: route({
    method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}/comment', fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath,
    query: s.commentsQuery,
  }),
  getComment: route({
    method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}/comment/{commentId}', fn: 'requests', role: 'signedIn',
    success: 200, params: s.commentPath, query: s.expandOnlyQuery,
  }),
  listRequestStatuses: route({
    method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}/status', fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath, query: s.pagingOnlyQuery,
  }),
  addComment: route({
    method: 'POST', path: '/rest/servicedeskapi/request/{issueIdOrKey}/comment', fn: 'conversation', role: 'signedIn',
    success: 201, params: s.requestPath,
    body: s.commentBody, query: s.noQuery,
  }),
  listParticipants: route({
    method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}/participant', fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath, query: s.pagingOnlyQuery,
  }),
  addParticipants: route({
    method: 'POST', path: '/rest/servicedeskapi/request/{issueIdOrKey}/participant', fn: 'conversation', role: 'signedIn',
    success: 200, params: s.requestPath,
    body: s.jsmAccountIdsBody, query: s.noQuery,
  }),
  removeParticipants: route({
    method: 'DELETE', path: '/rest/servicedeskapi/request/{issueIdOrKey}/participant', fn: 'conversation', role: 'signedIn',
    success: 200, params: s.requestPath,
    body: s.jsmAccountIdsBody, query: s.noQuery,
  }),
  getNotification: route({
    method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}/notification', fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath, query: s.noQuery,
  }),
  subscribeNotification: route({
    method: 'PUT', path: '/rest/servicedeskapi/request/{issueIdOrKey}/notification', fn: 'requests', role: 'signedIn',
    success: 204, params: s.requestPath, query: s.noQuery,
  }),
  unsubscribeNotification: route({
    method: 'DELETE', path: '/rest/servicedeskapi/request/{issueIdOrKey}/notification', fn: 'requests', role: 'signedIn',
    success: 204, params: s.requestPath, query: s.noQuery,
  }),
  getFeedback: route({
    method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}/feedback', fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath, query: s.noQuery,
  }),
  giveFeedback: route({
    method: 'POST', path: '/rest/servicedeskapi/request/{issueIdOrKey}/feedback', fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath, body: s.feedbackBody, query: s.noQuery,
  }),
  withdrawFeedback: route({
    method: 'DELETE', path: '/rest/servicedeskapi/request/{issueIdOrKey}/feedback', fn: 'requests', role: 'signedIn',
    success: 204, params: s.requestPath, query: s.noQuery,
  }),
  listTransitions: route({
    method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}/transition', fn: 'conversation', role: 'signedIn',
    success: 200, params: s.requestPath,
    query: s.pagingOnlyQuery,
  }),
  performTransition: route({
    method: 'POST', path: '/rest/servicedeskapi/request/{issueIdOrKey}/transition', fn: 'conversation', role: 'signedIn',
    success: 204,
    params: s.requestPath, body: s.transitionBody, query: s.noQuery,
  }),

  // ---- Inbound mail log (admin) ----
  listMail: route({
    method: 'GET', path: '/rest/admin/1/mail', fn: 'mail', role: 'admin', success: 200, query: s.mailLogQuery,
  }),
  acceptMail: route({
    method: 'POST', path: '/rest/admin/1/mail/{id}/accept', fn: 'mail', role: 'admin', success: 201,
    params: s.mailPath, query: s.noQuery,
  }),

  createStaff: route({
    method: 'POST', path: '/rest/admin/1/staff', fn: 'staff', role: 'admin', success: 201, body: s.createStaffBody, query: s.noQuery,
  }),
  rotateStaffToken: route({
    method: 'POST', path: '/rest/admin/1/staff/{accountId}/token', fn: 'staff', role: 'agent', success: 200,
    params: s.accountPath,
    query: s.noQuery,
  }),
} as const satisfies Record<string, RouteSpec>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;
export type OperationsOf<F extends FunctionName> = {
  [K in OperationId]: Routes[K]['fn'] extends F ? K : never;
}[OperationId];

export const routeList = (): Array<RouteSpec & { operationId: OperationId }> =>
  (Object.keys(routes) as OperationId[]).map((operationId) => ({ ...routes[operationId], operationId }));
