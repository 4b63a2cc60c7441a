/**
 * The route table: every HTTP route once, with the function that serves it, the role it requires and the
 * schemas that validate it. Read by CDK (API Gateway routes), by the local gateway and by the OpenAPI generator.
 *
 * Roles: `public` needs no credentials; `agent` any staff member (agents and admins); `admin` admins only.
 * Finer rules (an agent of *this* desk) are checked in the domain.
 */
import type { z } from 'zod';
import * as s from './schemas';

export const FUNCTIONS = ['meta', 'directory', 'staff'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export const ROLES = ['public', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  method: Method;
  path: string;
  fn: FunctionName;
  role: Role;
  summary: string;
  tag: string;
  /** Status of a successful answer. */
  success: 200 | 201 | 202 | 204;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response?: z.ZodType;
}

const route = <const R extends RouteSpec>(r: R): R => r;

export const routes = {
  getInfo: route({
    method: 'GET', path: '/rest/servicedeskapi/info', fn: 'meta', role: 'public', success: 200, tag: 'info',
    summary: 'Version and build information', query: s.noQuery,
  }),
  getOpenApi: route({
    method: 'GET', path: '/rest/openapi.json', fn: 'meta', role: 'public', success: 200, tag: 'info',
    summary: 'This API as an OpenAPI 3.1 document', query: s.noQuery,
  }),

  createCustomer: route({
    method: 'POST', path: '/rest/servicedeskapi/customer', fn: 'directory', role: 'admin', success: 201, tag: 'customer',
    summary: 'Create a portal-only customer (JSM)', body: s.createCustomerBody, query: s.createCustomerQuery,
    response: s.userSchema,
  }),
  revokePortalAccess: route({
    method: 'PUT', path: '/rest/servicedeskapi/customer/user/{accountId}/revoke-portal-only-access', fn: 'directory',
    role: 'admin', success: 204, tag: 'customer', summary: 'Suspend a portal-only customer (JSM)',
    params: s.accountPath, query: s.noQuery,
  }),
  listDirectory: route({
    method: 'GET', path: '/rest/admin/1/customer', fn: 'directory', role: 'admin', success: 200, tag: 'directory',
    summary: 'Search the site directory by email or name prefix', query: s.directoryQuery,
  }),
  getCustomer: route({
    method: 'GET', path: '/rest/admin/1/customer/{accountId}', fn: 'directory', role: 'admin', success: 200,
    tag: 'directory', summary: 'A customer profile', params: s.accountPath, query: s.noQuery,
  }),
  updateCustomer: route({
    method: 'PATCH', path: '/rest/admin/1/customer/{accountId}', fn: 'directory', role: 'admin', success: 200,
    tag: 'directory', summary: 'Change display name or email (If-Match: version optional)', params: s.accountPath,
    body: s.updateCustomerBody, query: s.noQuery,
  }),
  anonymizeCustomer: route({
    method: 'DELETE', path: '/rest/admin/1/customer/{accountId}', fn: 'directory', role: 'admin', success: 204,
    tag: 'directory', summary: 'Anonymize: erase name and email, keep the account id', params: s.accountPath,
    query: s.noQuery,
  }),
  restoreCustomer: route({
    method: 'PUT', path: '/rest/admin/1/customer/{accountId}/restore', fn: 'directory', role: 'admin', success: 204,
    tag: 'directory', summary: 'Lift a suspension', params: s.accountPath, query: s.noQuery,
  }),
  listAudit: route({
    method: 'GET', path: '/rest/admin/1/audit', fn: 'directory', role: 'admin', success: 200, tag: 'audit',
    summary: 'Audit events of an account, newest first', query: s.auditQuery,
  }),

  createStaff: route({
    method: 'POST', path: '/rest/admin/1/staff', fn: 'staff', role: 'admin', success: 201, tag: 'staff',
    summary: 'Create an agent or admin; the API token is shown once', body: s.createStaffBody, query: s.noQuery,
  }),
  rotateStaffToken: route({
    method: 'POST', path: '/rest/admin/1/staff/{accountId}/token', fn: 'staff', role: 'agent', success: 200,
    tag: 'staff', summary: 'Issue a new API token (admins for anyone, staff for themselves)', params: s.accountPath,
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
