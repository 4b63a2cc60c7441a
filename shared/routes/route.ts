/**
 * What a route declaration is. Each function's routes live in their own module (shared/routes/<function>.ts) with
 * the schemas only they use, so a Lambda bundle carries its own routes and nothing else; shared/routes/table.ts is
 * their union, read by CDK, the local gateway, the OpenAPI generator and the tests.
 *
 * Roles: `public` needs no credentials; `customer` a portal session (Bearer, or the portal's cookie); `signedIn` a portal session or staff
 * credentials; `agent` any staff member (agents and admins); `admin` admins only. Finer rules (an agent of *this*
 * desk, a customer's *own* organizations) are checked in the domain.
 */
import type * as z from 'zod/mini';

export const FUNCTIONS = ['meta', 'directory', 'staff', 'desks', 'organizations', 'invitations', 'portal', 'requests', 'conversation', 'attachments', 'mail', 'identity', 'sso'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export const ROLES = ['public', 'customer', 'signedIn', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the handlers need of a route. Documentation (summaries, answer shapes) lives apart: summaries.ts, outputs/. */
export interface RouteSpec {
  method: Method;
  path: string;
  fn: FunctionName;
  role: Role;
  /** Status of a successful answer. */
  success: 200 | 201 | 202 | 204 | 303;
  body?: z.ZodMiniType;
  /** Without one, the route takes no query parameter: any is a 400 (a parameter JSM does not know). */
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  /** The body is multipart/form-data with files (JSM's attachTemporaryFile), not JSON. */
  upload?: true;
}

/** A route as declared in its function's module: the function is the module's, said once. */
export type RouteDeclaration = Omit<RouteSpec, 'fn'>;

/** The routes of one function, each stamped with the function's name. */
export const functionRoutes = <F extends FunctionName, const R extends Record<string, RouteDeclaration>>(
  fn: F,
  declared: R,
): { [K in keyof R]: R[K] & { fn: F } } =>
  Object.fromEntries(Object.entries(declared).map(([id, spec]) => [id, { ...spec, fn }])) as { [K in keyof R]: R[K] & { fn: F } };

/** The API prefixes: JSM's own, our staff API, our portal API, the staff console's sign-in. */
export const JSM = '/rest/servicedeskapi';
export const ADMIN = '/rest/admin/1';
export const PORTAL = '/rest/portal/1';
export const CONSOLE = '/rest/console/1';
