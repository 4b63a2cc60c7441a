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

export const FUNCTIONS = ['meta', 'directory', 'staff', 'desks', 'organizations', 'invitations', 'portal', 'requests', 'conversation', 'attachments', 'mail'] as const;
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
  success: 200 | 201 | 202 | 204 | 303;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  /** The body is multipart/form-data with files (JSM's attachTemporaryFile), not JSON. */
  upload?: true;
}

const route = <const R extends RouteSpec>(r: R): R => r;

/** The three API prefixes: JSM's own, our staff API, our portal API. */
const JSM = '/rest/servicedeskapi';
const ADMIN = '/rest/admin/1';
const PORTAL = '/rest/portal/1';

export const routes = {
  getInfo: route({
    method: 'GET', path: `${JSM}/info`, fn: 'meta', role: 'public', success: 200,
  }),
  getOpenApi: route({
    method: 'GET', path: '/rest/openapi.json', fn: 'meta', role: 'public', success: 200,
  }),

  createCustomer: route({
    method: 'POST', path: `${JSM}/customer`, fn: 'directory', role: 'admin', success: 201, body: s.createCustomerBody, query: s.createCustomerQuery,
  }),
  revokePortalAccess: route({
    method: 'PUT', path: `${JSM}/customer/user/{accountId}/revoke-portal-only-access`, fn: 'directory',
    role: 'admin', success: 204,
    params: s.accountPath,
  }),
  listDirectory: route({
    method: 'GET', path: `${ADMIN}/customer`, fn: 'directory', role: 'admin', success: 200, query: s.directoryQuery,
  }),
  getCustomer: route({
    method: 'GET', path: `${ADMIN}/customer/{accountId}`, fn: 'directory', role: 'admin', success: 200,
    params: s.accountPath,
  }),
  updateCustomer: route({
    method: 'PATCH', path: `${ADMIN}/customer/{accountId}`, fn: 'directory', role: 'admin', success: 200,
    params: s.accountPath,
    body: s.updateCustomerBody,
  }),
  anonymizeCustomer: route({
    method: 'DELETE', path: `${ADMIN}/customer/{accountId}`, fn: 'directory', role: 'admin', success: 204,
    params: s.accountPath,
  }),
  restoreCustomer: route({
    method: 'PUT', path: `${ADMIN}/customer/{accountId}/restore`, fn: 'directory', role: 'admin', success: 204,
    params: s.accountPath,
  }),
  listAudit: route({
    method: 'GET', path: `${ADMIN}/audit`, fn: 'directory', role: 'agent', success: 200,
    query: s.auditQuery,
  }),

  // ---- Service desks (admin) ----
  createDesk: route({
    method: 'POST', path: `${ADMIN}/servicedesk`, fn: 'desks', role: 'admin', success: 201, body: s.createDeskBody,
  }),
  updateDesk: route({
    method: 'PATCH', path: `${ADMIN}/servicedesk/{serviceDeskId}`, fn: 'desks', role: 'admin', success: 200,
    params: s.deskPath,
    body: s.updateDeskBody,
  }),
  addDeskAgents: route({
    method: 'POST', path: `${ADMIN}/servicedesk/{serviceDeskId}/agent`, fn: 'desks', role: 'admin', success: 204,
    params: s.deskPath, body: s.accountIdsBody,
  }),
  removeDeskAgents: route({
    method: 'DELETE', path: `${ADMIN}/servicedesk/{serviceDeskId}/agent`, fn: 'desks', role: 'admin', success: 204,
    params: s.deskPath, body: s.accountIdsBody,
  }),
  createRequestType: route({
    method: 'POST', path: `${ADMIN}/servicedesk/{serviceDeskId}/requesttype`, fn: 'desks', role: 'admin',
    success: 201, params: s.deskPath,
    body: s.createRequestTypeBody,
  }),

  // ---- Service desks (JSM) ----
  listDesks: route({
    method: 'GET', path: `${JSM}/servicedesk`, fn: 'desks', role: 'signedIn', success: 200, query: s.pagingOnlyQuery,
  }),
  getDesk: route({
    method: 'GET', path: `${JSM}/servicedesk/{serviceDeskId}`, fn: 'desks', role: 'signedIn', success: 200,
    params: s.deskPath,
  }),
  listRequestTypes: route({
    method: 'GET', path: `${JSM}/servicedesk/{serviceDeskId}/requesttype`, fn: 'desks', role: 'signedIn',
    success: 200, params: s.deskPath, query: s.requestTypesQuery,
  }),
  getRequestType: route({
    method: 'GET', path: `${JSM}/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}`, fn: 'desks', role: 'signedIn',
    success: 200, params: s.requestTypePath, query: s.expandOnlyQuery,
  }),
  listRequestTypeFields: route({
    method: 'GET', path: `${JSM}/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field`, fn: 'desks', role: 'signedIn',
    success: 200, params: s.requestTypePath, query: s.expandOnlyQuery,
  }),
  createJsmRequestType: route({
    method: 'POST', path: `${JSM}/servicedesk/{serviceDeskId}/requesttype`, fn: 'desks', role: 'admin',
    success: 200, params: s.deskPath, body: s.jsmCreateRequestTypeBody,
  }),
  deleteRequestType: route({
    method: 'DELETE', path: `${JSM}/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}`, fn: 'desks', role: 'admin',
    success: 204, params: s.requestTypePath,
  }),
  listAllRequestTypes: route({
    method: 'GET', path: `${JSM}/requesttype`, fn: 'desks', role: 'signedIn', success: 200,
    query: s.allRequestTypesQuery,
  }),
  listRequestTypeGroups: route({
    method: 'GET', path: `${JSM}/servicedesk/{serviceDeskId}/requesttypegroup`, fn: 'desks', role: 'signedIn',
    success: 200, params: s.deskPath, query: s.pagingOnlyQuery,
  }),
  listDeskCustomers: route({
    method: 'GET', path: `${JSM}/servicedesk/{serviceDeskId}/customer`, fn: 'desks', role: 'agent',
    success: 200, params: s.deskPath,
    query: s.deskCustomersQuery,
  }),
  addDeskCustomers: route({
    method: 'POST', path: `${JSM}/servicedesk/{serviceDeskId}/customer`, fn: 'desks', role: 'agent',
    success: 204, params: s.deskPath,
    body: s.jsmAccountIdsBody,
  }),
  removeDeskCustomers: route({
    method: 'DELETE', path: `${JSM}/servicedesk/{serviceDeskId}/customer`, fn: 'desks', role: 'agent',
    success: 204, params: s.deskPath,
    body: s.jsmAccountIdsBody,
  }),
  listDeskOrganizations: route({
    method: 'GET', path: `${JSM}/servicedesk/{serviceDeskId}/organization`, fn: 'desks', role: 'agent',
    success: 200, params: s.deskPath,
    query: s.deskOrganizationsQuery,
  }),
  linkDeskOrganization: route({
    method: 'POST', path: `${JSM}/servicedesk/{serviceDeskId}/organization`, fn: 'desks', role: 'agent',
    success: 204, params: s.deskPath,
    body: s.organizationIdBody,
  }),
  unlinkDeskOrganization: route({
    method: 'DELETE', path: `${JSM}/servicedesk/{serviceDeskId}/organization`, fn: 'desks', role: 'agent',
    success: 204, params: s.deskPath,
    body: s.organizationIdBody,
  }),

  // ---- Organizations (JSM) ----
  listOrganizations: route({
    method: 'GET', path: `${JSM}/organization`, fn: 'organizations', role: 'signedIn', success: 200,
    query: s.organizationsQuery,
  }),
  createOrganization: route({
    method: 'POST', path: `${JSM}/organization`, fn: 'organizations', role: 'agent', success: 201,
    body: s.createOrganizationBody,
  }),
  getOrganization: route({
    method: 'GET', path: `${JSM}/organization/{organizationId}`, fn: 'organizations', role: 'signedIn',
    success: 200, params: s.organizationPath,
  }),
  deleteOrganization: route({
    method: 'DELETE', path: `${JSM}/organization/{organizationId}`, fn: 'organizations', role: 'admin',
    success: 204,
    params: s.organizationPath,
  }),
  listOrganizationUsers: route({
    method: 'GET', path: `${JSM}/organization/{organizationId}/user`, fn: 'organizations', role: 'agent',
    success: 200, params: s.organizationPath,
    query: s.pagingOnlyQuery,
  }),
  addOrganizationUsers: route({
    method: 'POST', path: `${JSM}/organization/{organizationId}/user`, fn: 'organizations', role: 'agent',
    success: 204, params: s.organizationPath,
    body: s.organizationUsersBody,
  }),
  removeOrganizationUsers: route({
    method: 'DELETE', path: `${JSM}/organization/{organizationId}/user`, fn: 'organizations', role: 'agent',
    success: 204, params: s.organizationPath, body: s.organizationUsersBody,
  }),
  listOrganizationProperties: route({
    method: 'GET', path: `${JSM}/organization/{organizationId}/property`, fn: 'organizations',
    role: 'agent', success: 200,
    params: s.organizationPath,
  }),
  getOrganizationProperty: route({
    method: 'GET', path: `${JSM}/organization/{organizationId}/property/{propertyKey}`,
    fn: 'organizations', role: 'agent', success: 200,
    params: s.propertyPath,
  }),
  setOrganizationProperty: route({
    method: 'PUT', path: `${JSM}/organization/{organizationId}/property/{propertyKey}`,
    fn: 'organizations', role: 'agent', success: 200,
    params: s.propertyPath, body: s.propertyValueBody,
  }),
  deleteOrganizationProperty: route({
    method: 'DELETE', path: `${JSM}/organization/{organizationId}/property/{propertyKey}`,
    fn: 'organizations', role: 'agent', success: 204,
    params: s.propertyPath,
  }),
  setOrganizationDomains: route({
    method: 'PUT', path: `${ADMIN}/organization/{organizationId}/domains`, fn: 'organizations', role: 'admin',
    success: 200,
    params: s.organizationPath, body: s.domainsBody,
  }),

  // ---- Invitations (staff) ----
  inviteCustomers: route({
    method: 'POST', path: `${ADMIN}/invitation`, fn: 'invitations', role: 'agent', success: 200,
    body: s.inviteBody,
  }),
  inviteDeskCustomer: route({
    method: 'POST', path: `${JSM}/servicedesk/{serviceDeskId}/customer/invite`, fn: 'invitations', role: 'agent',
    success: 200, params: s.deskPath, body: s.inviteDeskCustomerBody,
  }),
  listInvitations: route({
    method: 'GET', path: `${ADMIN}/invitation`, fn: 'invitations', role: 'agent', success: 200, query: s.invitationsQuery,
  }),
  resendInvitation: route({
    method: 'POST', path: `${ADMIN}/invitation/{invitationId}/resend`, fn: 'invitations', role: 'agent',
    success: 200,
    params: s.invitationPath,
  }),
  revokeInvitation: route({
    method: 'DELETE', path: `${ADMIN}/invitation/{invitationId}`, fn: 'invitations', role: 'agent', success: 204,
    params: s.invitationPath,
  }),

  // ---- Portal (customers) ----
  acceptInvitation: route({
    method: 'POST', path: `${PORTAL}/invitation/accept`, fn: 'portal', role: 'public', success: 200, body: s.acceptInvitationBody,
  }),
  signIn: route({
    method: 'POST', path: `${PORTAL}/login`, fn: 'portal', role: 'public', success: 200, body: s.loginBody,
  }),
  signUp: route({
    method: 'POST', path: `${PORTAL}/signup`, fn: 'invitations', role: 'public', success: 202,
    body: s.signUpBody,
  }),
  forgotPassword: route({
    method: 'POST', path: `${PORTAL}/password/forgot`, fn: 'portal', role: 'public', success: 202, body: s.forgotPasswordBody,
  }),
  resetPassword: route({
    method: 'POST', path: `${PORTAL}/password/reset`, fn: 'portal', role: 'public', success: 204, body: s.resetPasswordBody,
  }),
  getMe: route({
    method: 'GET', path: `${PORTAL}/me`, fn: 'portal', role: 'customer', success: 200,
  }),
  listMyDesks: route({
    method: 'GET', path: `${PORTAL}/servicedesk`, fn: 'portal', role: 'customer', success: 200, query: s.pagingOnlyQuery,
  }),

  // ---- Requests (JSM) ----
  createRequest: route({
    method: 'POST', path: `${JSM}/request`, fn: 'requests', role: 'signedIn', success: 201, body: s.createRequestBody,
  }),
  listRequests: route({
    method: 'GET', path: `${JSM}/request`, fn: 'requests', role: 'signedIn', success: 200, query: s.requestsQuery,
  }),
  getRequest: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}`, fn: 'requests', role: 'signedIn', success: 200,
    params: s.requestPath, query: s.expandOnlyQuery,
  }),
  listComments: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/comment`, fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath,
    query: s.commentsQuery,
  }),
  getComment: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/comment/{commentId}`, fn: 'requests', role: 'signedIn',
    success: 200, params: s.commentPath, query: s.expandOnlyQuery,
  }),
  listRequestStatuses: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/status`, fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath, query: s.pagingOnlyQuery,
  }),
  addComment: route({
    method: 'POST', path: `${JSM}/request/{issueIdOrKey}/comment`, fn: 'conversation', role: 'signedIn',
    success: 201, params: s.requestPath,
    body: s.commentBody,
  }),
  listParticipants: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/participant`, fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath, query: s.pagingOnlyQuery,
  }),
  addParticipants: route({
    method: 'POST', path: `${JSM}/request/{issueIdOrKey}/participant`, fn: 'conversation', role: 'signedIn',
    success: 200, params: s.requestPath,
    body: s.jsmAccountIdsBody,
  }),
  removeParticipants: route({
    method: 'DELETE', path: `${JSM}/request/{issueIdOrKey}/participant`, fn: 'conversation', role: 'signedIn',
    success: 200, params: s.requestPath,
    body: s.jsmAccountIdsBody,
  }),
  getNotification: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/notification`, fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath,
  }),
  subscribeNotification: route({
    method: 'PUT', path: `${JSM}/request/{issueIdOrKey}/notification`, fn: 'requests', role: 'signedIn',
    success: 204, params: s.requestPath,
  }),
  unsubscribeNotification: route({
    method: 'DELETE', path: `${JSM}/request/{issueIdOrKey}/notification`, fn: 'requests', role: 'signedIn',
    success: 204, params: s.requestPath,
  }),
  getFeedback: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/feedback`, fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath,
  }),
  giveFeedback: route({
    method: 'POST', path: `${JSM}/request/{issueIdOrKey}/feedback`, fn: 'requests', role: 'signedIn',
    success: 200, params: s.requestPath, body: s.feedbackBody,
  }),
  withdrawFeedback: route({
    method: 'DELETE', path: `${JSM}/request/{issueIdOrKey}/feedback`, fn: 'requests', role: 'signedIn',
    success: 204, params: s.requestPath,
  }),
  listTransitions: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/transition`, fn: 'conversation', role: 'signedIn',
    success: 200, params: s.requestPath,
    query: s.pagingOnlyQuery,
  }),
  performTransition: route({
    method: 'POST', path: `${JSM}/request/{issueIdOrKey}/transition`, fn: 'conversation', role: 'signedIn',
    success: 204,
    params: s.requestPath, body: s.transitionBody,
  }),

  // ---- Attachments (JSM's two steps: upload to the desk, then attach to a request with a comment) ----
  attachTemporaryFile: route({
    method: 'POST', path: `${JSM}/servicedesk/{serviceDeskId}/attachTemporaryFile`, fn: 'attachments', role: 'signedIn',
    success: 201, params: s.deskPath, upload: true,
  }),
  createAttachment: route({
    method: 'POST', path: `${JSM}/request/{issueIdOrKey}/attachment`, fn: 'conversation', role: 'signedIn',
    success: 201, params: s.requestPath, body: s.attachBody,
  }),
  listAttachments: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/attachment`, fn: 'attachments', role: 'signedIn',
    success: 200, params: s.requestPath, query: s.pagingOnlyQuery,
  }),
  listCommentAttachments: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/comment/{commentId}/attachment`, fn: 'attachments', role: 'signedIn',
    success: 200, params: s.commentPath, query: s.pagingOnlyQuery,
  }),
  getAttachmentContent: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/attachment/{attachmentId}`, fn: 'attachments', role: 'signedIn',
    success: 303, params: s.attachmentPath,
  }),
  getAttachmentThumbnail: route({
    method: 'GET', path: `${JSM}/request/{issueIdOrKey}/attachment/{attachmentId}/thumbnail`, fn: 'attachments', role: 'signedIn',
    success: 303, params: s.attachmentPath,
  }),
  createUploadForm: route({
    method: 'POST', path: `${PORTAL}/servicedesk/{serviceDeskId}/upload`, fn: 'attachments', role: 'signedIn',
    success: 201, params: s.deskPath, body: s.uploadFormBody,
  }),
  registerUpload: route({
    method: 'POST', path: `${PORTAL}/upload/{temporaryAttachmentId}`, fn: 'attachments', role: 'signedIn',
    success: 201, params: s.uploadPath,
  }),

  // ---- Inbound mail log (admin) ----
  listMail: route({
    method: 'GET', path: `${ADMIN}/mail`, fn: 'mail', role: 'admin', success: 200, query: s.mailLogQuery,
  }),
  acceptMail: route({
    method: 'POST', path: `${ADMIN}/mail/{id}/accept`, fn: 'mail', role: 'admin', success: 201,
    params: s.mailPath,
  }),

  createStaff: route({
    method: 'POST', path: `${ADMIN}/staff`, fn: 'staff', role: 'admin', success: 201, body: s.createStaffBody,
  }),
  rotateStaffToken: route({
    method: 'POST', path: `${ADMIN}/staff/{accountId}/token`, fn: 'staff', role: 'agent', success: 200,
    params: s.accountPath,
  }),
} as const satisfies Record<string, RouteSpec>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;
export type OperationsOf<F extends FunctionName> = {
  [K in OperationId]: Routes[K]['fn'] extends F ? K : never;
}[OperationId];

export const routeList = (): Array<RouteSpec & { operationId: OperationId }> =>
  (Object.keys(routes) as OperationId[]).map((operationId) => ({ ...routes[operationId], operationId }));
