/** The OpenAPI 3.1 document, generated from the route table and the same zod schemas that validate requests. */
import * as z from 'zod/mini';
import { ROUTE_RESPONSES, jsmErrorSchema } from '#routes/responses';
import { routeList, type RouteSpec } from '#routes/table';
import { ROUTE_SUMMARIES } from '#routes/summaries';

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;

const queryParameters = (spec: RouteSpec) => {
  if (!spec.query) return [];
  const schema = jsonSchema(spec.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: s,
  }));
};

const pathParameters = (spec: RouteSpec) =>
  [...spec.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));

/**
 * The OpenAPI tag, from the path: the JSM resource (…/servicedeskapi/request/… is "request"), our admin area
 * (/rest/admin/1/customer is the "directory"), or "portal".
 */
const tagOf = (path: string): string => {
  const [, , api, first, second] = path.split('/');
  if (api === 'servicedeskapi') return first ?? 'info';
  if (api === 'admin') return second === 'customer' ? 'directory' : (second ?? 'admin');
  return api === 'portal' ? 'portal' : 'info';
};

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Invalid input',
  '401': 'No or invalid credentials',
  '403': 'Not allowed for this caller',
  '404': 'Unknown, or not visible to the caller',
  '409': 'Conflict',
  '413': 'Body larger than 64 KB',
};

export const openApiDocument = (serverUrl: string) => {
  const error = { content: { 'application/json': { schema: jsonSchema(jsmErrorSchema, 'output') } } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routeList()) {
    const answer = ROUTE_RESPONSES[spec.operationId];
    const responses: Record<string, unknown> = {
      [String(spec.success)]: {
        description: 'Success',
        ...(answer ? { content: { 'application/json': { schema: jsonSchema(answer, 'output') } } } : {}),
      },
    };
    for (const [status, description] of Object.entries(ERROR_STATUSES)) responses[status] = { description, ...error };
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method.toLowerCase()] = {
      operationId: spec.operationId,
      summary: ROUTE_SUMMARIES[spec.operationId],
      tags: [tagOf(spec.path)],
      'x-required-role': spec.role,
      security: spec.role === 'public' ? [] : [{ basic: [] }],
      parameters: [...pathParameters(spec), ...queryParameters(spec)],
      ...(spec.upload
        ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } } }
        : {}),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Service desk customers API (JSM dialect)', version: '1.0.0' },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { basic: { type: 'http', scheme: 'basic', description: 'email:apiToken' } } },
    paths,
  };
};
