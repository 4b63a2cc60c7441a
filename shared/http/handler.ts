/**
 * Builds one Lambda handler per function: a middy http-router over that function's routes in the route table.
 * Each route is wrapped the same way: authenticate and check the role, validate body, query and path against the
 * route's schemas, run the operation, answer JSON. Errors are mapped to the JSM shape once, here.
 */
import { timingSafeEqual } from 'node:crypto';
import middy from '@middy/core';
import httpRouter from '@middy/http-router';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import type { Caller } from '#model/caller';
import type { RouteSpec } from '#routes/route';
import { authenticate } from './auth';
import { Forbidden, HttpError, MethodNotAllowed, NotFound, ServiceUnavailable, internalErrorBody } from '#errors';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '#routes/origin-verify';
import { logger } from '#logger';
import type { FormFile } from './multipart';
import { baseUrlOf, readFormFiles, readJsonBody, validate } from './request';
import { CONSOLE_COOKIE, sessionCookieOf } from './session-cookie';

type Input<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface OperationInput<R extends RouteSpec> {
  body: Input<R['body']>;
  query: Input<R['query']>;
  params: Input<R['params']>;
  caller: Caller;
  /** Lower-cased request headers. */
  headers: Record<string, string | undefined>;
  baseUrl: string;
  path: string;
  rawQuery: Record<string, string | undefined>;
  /** The uploaded files of a multipart route (`upload: true`); empty otherwise. */
  files: FormFile[];
}

/** What an operation may return beyond a plain body: extra headers (an ETag, say). */
export class Reply {
  constructor(
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    /** Overrides the route's success status (201 vs 200 on an upsert, say). */
    readonly status?: number,
    /** Set-Cookie values (the portal's session cookie). */
    readonly cookies: string[] = [],
  ) {}
}

export type Operation<R extends RouteSpec> = (input: OperationInput<R>) => Promise<unknown>;
/** One operation per route of a function's route module (shared/routes/<function>.ts). */
export type Operations<R extends Record<string, RouteSpec>> = { [K in keyof R]: Operation<R[K]> };

/** The default query schema: a route that declares no query parameters refuses any (one JSM does not know is a 400). */
const noQuery = z.strictObject({});

const BASE_HEADERS = {
  'content-type': 'application/json;charset=UTF-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
  cookies: string[] = [],
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { ...BASE_HEADERS, ...headers },
  ...(cookies.length > 0 ? { cookies } : {}),
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** DynamoDB's answers when a table or an item takes more than it can: worth a retry, not a 500. */
const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TransactionInProgressException']);
const isContention = (error: unknown): boolean =>
  THROTTLED.has((error as Error).name) ||
  ((error as Error).name === 'TransactionCanceledException' &&
    ((error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).some((r) => r.Code === 'ThrottlingError' || r.Code === 'TransactionConflict'));

const errorResponse = (error: unknown): APIGatewayProxyStructuredResultV2 => {
  if (error instanceof HttpError) return jsonResponse(error.statusCode, error.toBody(), error.headers);
  if (isContention(error)) return errorResponse(new ServiceUnavailable());
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 404) return errorResponse(new NotFound('No such resource'));
  if (status === 405) return errorResponse(new MethodNotAllowed());
  logger.error('unhandled error', error as Error);
  return jsonResponse(500, internalErrorBody());
};

const runOperation = async (
  spec: RouteSpec,
  operation: Operation<RouteSpec>,
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const headers = event.headers ?? {};
  const caller = await authenticate(
    {
      authorization: headers.authorization,
      sessionCookie: sessionCookieOf(event),
      consoleCookie: sessionCookieOf(event, CONSOLE_COOKIE),
      csrfToken: headers['x-csrf-token'],
      fetchSite: headers['sec-fetch-site'],
      method: event.requestContext.http.method,
    },
    spec.role,
  );
  const files = spec.upload ? readFormFiles(event) : [];
  const body = spec.upload ? undefined : readJsonBody(event, spec.body !== undefined);
  const rawQuery = event.queryStringParameters ?? {};
  const input: OperationInput<RouteSpec> = {
    body: spec.body ? validate(spec.body, body, 'request body') : undefined,
    query: validate(spec.query ?? noQuery, rawQuery, 'query parameters'),
    params: spec.params ? validate(spec.params, event.pathParameters ?? {}, 'path') : undefined,
    caller,
    headers,
    baseUrl: baseUrlOf(event),
    path: event.rawPath,
    rawQuery,
    files,
  };
  const result = await operation(input);
  if (result instanceof Reply) return jsonResponse(result.status ?? spec.success, result.body, result.headers, result.cookies);
  if (spec.success === 204) return jsonResponse(204, undefined);
  return jsonResponse(spec.success, result);
};

/** In AWS, only CloudFront (which adds the origin header) may call the API; locally the variable is unset. */
const checkOrigin = (event: APIGatewayProxyEventV2): void => {
  const expected = process.env[ORIGIN_VERIFY_ENV];
  if (!expected) return;
  const given = Buffer.from(event.headers?.[ORIGIN_VERIFY_HEADER] ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
    throw new Forbidden("Call the API through the portal's address, not the API Gateway URL");
  }
};

/** A function's Lambda handler over its own routes only: it imports its route module, never the whole table. */
export const httpFunction = <R extends Record<string, RouteSpec>>(functionRoutes: R, operations: Operations<R>) => {
  const ops = operations as unknown as Record<string, Operation<RouteSpec>>;
  const routerRoutes = Object.entries(functionRoutes).map(([id, spec]) => {
    const operation = ops[id]!;
    return {
      method: spec.method,
      path: spec.path,
      handler: async (event: APIGatewayProxyEventV2) => runOperation(spec, operation, event),
    };
  });
  // Every log line of the invocation carries its request id (injectLambdaContext), the errors too.
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(httpRouter(routerRoutes))
    .use(injectLambdaContext(logger))
    .use({
      before: async (request) => checkOrigin(request.event),
      onError: async (request) => {
        request.response = errorResponse(request.error);
        // A page's fetch (the portal's: a browser says which site sent it) is asked for its session, not for Basic,
        // which would open the browser's own sign-in dialog.
        const headers = request.event.headers ?? {};
        const fromPage = headers['sec-fetch-site'] !== undefined && headers['sec-fetch-mode'] !== 'navigate';
        if (request.response.statusCode === 401 && fromPage) request.response.headers!['www-authenticate'] = 'Bearer realm="service desk"';
      },
    });
};

export type HttpHandler = ReturnType<typeof httpFunction>;
