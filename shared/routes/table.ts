/**
 * The route table: every HTTP route once, with the function that serves it, the role it requires and the schemas
 * that validate it. It is the union of the functions' route modules (shared/routes/<function>.ts): a Lambda imports
 * only its own module, so its bundle carries only its own routes and schemas; CDK (API Gateway routes), the local
 * gateway, the OpenAPI generator, the API reference and the tests read this union.
 */
import { attachmentRoutes } from './attachments';
import { conversationRoutes } from './conversation';
import { deskRoutes } from './desks';
import { directoryRoutes } from './directory';
import { identityRoutes } from './identity';
import { invitationRoutes } from './invitations';
import { mailRoutes } from './mail';
import { metaRoutes } from './meta';
import { organizationRoutes } from './organizations';
import { portalRoutes } from './portal';
import { requestRoutes } from './requests';
import type { FunctionName, RouteSpec } from './route';
import { ssoRoutes } from './sso';
import { staffRoutes } from './staff';

export { FUNCTIONS, ROLES, type FunctionName, type Method, type Role, type RouteSpec } from './route';

/** Each function's routes, by its name: a new function fails the type check until its routes are listed here. */
export const ROUTES_BY_FUNCTION = {
  meta: metaRoutes,
  directory: directoryRoutes,
  staff: staffRoutes,
  desks: deskRoutes,
  organizations: organizationRoutes,
  invitations: invitationRoutes,
  portal: portalRoutes,
  requests: requestRoutes,
  conversation: conversationRoutes,
  attachments: attachmentRoutes,
  mail: mailRoutes,
  identity: identityRoutes,
  sso: ssoRoutes,
} as const satisfies Record<FunctionName, Record<string, RouteSpec>>;

export const routes = {
  ...metaRoutes,
  ...directoryRoutes,
  ...staffRoutes,
  ...deskRoutes,
  ...organizationRoutes,
  ...invitationRoutes,
  ...portalRoutes,
  ...requestRoutes,
  ...conversationRoutes,
  ...attachmentRoutes,
  ...mailRoutes,
  ...identityRoutes,
  ...ssoRoutes,
} as const satisfies Record<string, RouteSpec>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;
export type OperationsOf<F extends FunctionName> = {
  [K in OperationId]: Routes[K]['fn'] extends F ? K : never;
}[OperationId];

export const routeList = (): Array<RouteSpec & { operationId: OperationId }> =>
  (Object.keys(routes) as OperationId[]).map((operationId) => ({ ...routes[operationId], operationId }));
