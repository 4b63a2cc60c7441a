/**
 * The OpenAPI 3.1 document, generated from the route table, the same zod schemas that validate requests, and the
 * shapes of the answers (shared/routes/outputs), which the tests check every answer against.
 */
import * as z from 'zod/mini';
import { ROUTE_ANSWERS, type Answer } from '#routes/outputs/answers';
import { jsmErrorShape, namedShapes, shapeName } from '#routes/outputs/shapes';
import { routeList, type Role, type RouteSpec } from '#routes/table';
import { ROUTE_SUMMARIES } from '#routes/summaries';
import { CONSOLE_COOKIE, SESSION_COOKIE } from './session-cookie';

type JsonSchema = Record<string, unknown>;
const SCHEMAS = '#/components/schemas/';

/** How zod's JSON Schema refers to its own root, and that reference made to point at the component `name`. */
const SELF_REF = '"$ref":"#"';
const selfNamed = (json: string, name: string): JsonSchema => {
  const { $schema: _dialect, ...schema } = JSON.parse(json.replaceAll(SELF_REF, `"$ref":"${SCHEMAS}${name}"`)) as JsonSchema;
  return schema;
};

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;

/** Parameters `in` the path or the query, each with its schema from the route's (a path without one: a string). */
const parameters = (spec: RouteSpec, where: 'path' | 'query') => {
  const declared = where === 'path' ? spec.params : spec.query;
  const schema = (declared ? jsonSchema(declared, 'input') : {}) as { properties?: Record<string, unknown>; required?: string[] };
  const names = where === 'path' ? [...spec.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!) : Object.keys(schema.properties ?? {});
  return names.map((name) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required?.includes(name) ?? false),
    schema: schema.properties?.[name] ?? { type: 'string' },
  }));
};

/**
 * The OpenAPI tag, from the path: the JSM resource (…/servicedeskapi/request/… is "request"), our admin area
 * (/rest/admin/1/customer is the "directory"), or "portal".
 */
export const tagOf = (path: string): string => {
  const [, , api, first, second] = path.split('/');
  if (api === 'servicedeskapi') return first ?? 'info';
  if (api === 'admin') return second === 'customer' ? 'directory' : (second ?? 'admin');
  return api === 'portal' || api === 'console' ? api : 'info';
};

/**
 * Who may call, as OpenAPI says it: staff send Basic (email:API token) or, in the console, its session cookie;
 * customers a Bearer portal session (or its cookie).
 */
export const SECURITY: Record<Role, Array<Record<string, []>>> = {
  public: [],
  customer: [{ bearer: [] }, { portalCookie: [] }],
  signedIn: [{ basic: [] }, { consoleCookie: [] }, { bearer: [] }, { portalCookie: [] }],
  agent: [{ basic: [] }, { consoleCookie: [] }],
  admin: [{ basic: [] }, { consoleCookie: [] }],
};

const SECURITY_SCHEMES = {
  basic: { type: 'http', scheme: 'basic', description: "Staff (agents, admins): the email and API token, `Basic base64(email:apiToken)`" },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Customers: the portal session answered by sign-in or by accepting an invitation (`/rest/portal/1/...`)',
  },
  portalCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: "The help center's own pages: the same session in an HttpOnly cookie (`cookie: true` on sign-in); a write also carries its CSRF token in `X-CSRF-Token`",
  },
  consoleCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: CONSOLE_COOKIE,
    description: 'The staff console: a staff session in an HttpOnly cookie (`POST /rest/console/1/session`); a write also carries its CSRF token in `X-CSRF-Token`',
  },
};

const errorStatuses = (role: Role): Record<string, string> => ({
  '400': 'Invalid input',
  ...(role === 'public' ? {} : { '401': 'No or invalid credentials', '403': 'Not allowed for this caller' }),
  '404': 'Unknown, or not visible to the caller',
  '409': 'Conflict',
  '413': 'Body larger than 64 KB',
  '503': 'Contention: retry after the Retry-After header',
});

/**
 * Every answer shape under a name in components.schemas: the named shapes (User, CustomerRequest...) and each route's
 * own (`<operationId>.<status>` when it has no name), with $refs between them.
 */
const answerSchemas = () => {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodMiniType, string>();
  const add = (schema: z.ZodMiniType, id: string) => {
    if (ids.has(schema)) return;
    ids.set(schema, id);
    registry.add(schema, { id });
  };
  for (const [name, schema] of Object.entries(namedShapes())) add(schema, name);
  for (const [operationId, answers] of Object.entries(ROUTE_ANSWERS)) {
    for (const [status, answer] of Object.entries(answers as Record<string, Answer>)) {
      if (answer) add(answer, shapeName(answer) ?? `${operationId}.${status}`);
    }
  }
  const generated = z.toJSONSchema(registry, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any', uri: (id) => `${SCHEMAS}${id}` });
  // Components are not documents of their own: no $schema, their name is their $id, and a recursive one (JsonValue)
  // refers to itself by that name rather than as `#` (the OpenAPI document's root).
  const schemas = Object.fromEntries(
    Object.entries(generated.schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [
      id,
      selfNamed(JSON.stringify(schema), id),
    ]),
  );
  return { schemas, ref: (schema: z.ZodMiniType) => ({ $ref: `${SCHEMAS}${ids.get(schema)}` }) };
};

export const openApiDocument = (serverUrl: string) => {
  const { schemas, ref } = answerSchemas();
  /** A body inline; a recursive one (any JSON) among the components, where its reference to itself can point. */
  const bodySchema = (body: z.ZodMiniType, name: string): JsonSchema => {
    const text = JSON.stringify(jsonSchema(body, 'input'));
    if (!text.includes(SELF_REF)) return selfNamed(text, name);
    schemas[name] = selfNamed(text, name);
    return { $ref: `${SCHEMAS}${name}` };
  };
  const error = { content: { 'application/json': { schema: ref(jsmErrorShape) } } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routeList()) {
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(ROUTE_ANSWERS[spec.operationId] as Record<string, Answer>)) {
      responses[status] = { description: Number(status) === spec.success ? 'Success' : 'Also a success', ...(answer ? { content: { 'application/json': { schema: ref(answer) } } } : {}) };
    }
    for (const [status, description] of Object.entries(errorStatuses(spec.role))) responses[status] = { description, ...error };
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method.toLowerCase()] = {
      operationId: spec.operationId,
      summary: ROUTE_SUMMARIES[spec.operationId],
      tags: [tagOf(spec.path)],
      'x-required-role': spec.role,
      security: SECURITY[spec.role],
      parameters: [...parameters(spec, 'path'), ...parameters(spec, 'query')],
      ...(spec.upload
        ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } } }
        : {}),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchema(spec.body, `${spec.operationId}Body`) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Service desk customers API (JSM dialect)', version: '1.0.0' },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: SECURITY_SCHEMES, schemas },
    paths,
  };
};
