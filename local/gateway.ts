/**
 * The local HTTP API: an HTTP server that does what API Gateway (HTTP API, payload 2.0) does in AWS: match the
 * route table, build the same event, invoke the same handler, and write its answer back.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { contentSecurityPolicy } from '#routes/security-headers';
import { routeList, type FunctionName } from '#routes/table';
import { PROJECT_ROOT } from './config';
import { httpHandlers, unknownRouteHandler, type LambdaHttpHandler } from './functions';

/** The web apps (`vite build` of portal/ and console/), each served under its own path as CloudFront serves them in AWS. */
export const WEB_APPS = [
  { base: '/portal', dist: join(PROJECT_ROOT, 'portal', 'dist'), name: 'portal' },
  { base: '/console', dist: join(PROJECT_ROOT, 'console', 'dist'), name: 'console' },
] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** GET/HEAD under a web app's path: a file of its dist, or its index.html for any other path (the app routes on the path). */
const serveWebApp = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
  const app = WEB_APPS.find((a) => path === a.base || path.startsWith(`${a.base}/`));
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !app) return false;
  if (path === app.base) {
    send(res, 301, { location: `${app.base}/` });
    return true;
  }
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(path.slice(app.base.length + 1)));
  } catch {
    relative = '';
  }
  let file = join(app.dist, relative);
  if (!file.startsWith(app.dist + sep) || !(await stat(file).then((s) => s.isFile(), () => false))) {
    file = join(app.dist, 'index.html');
    // A missing asset is a 404; any other path is a page of the app.
    if (relative.startsWith(`assets${sep}`)) {
      send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found');
      return true;
    }
  }
  const body = await readFile(file).catch(() => undefined);
  if (!body) {
    send(res, 503, { 'content-type': 'text/plain; charset=utf-8' }, `The ${app.name} is not built: run \`npm run build\``);
    return true;
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  send(
    res,
    200,
    {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      // The local S3 holds the attachments, as the attachments bucket does in AWS.
      'content-security-policy': contentSecurityPolicy(process.env.S3_ENDPOINT ? new URL(process.env.S3_ENDPOINT).origin : "'self'"),
    },
    req.method === 'HEAD' ? undefined : body,
  );
  return true;
};

/** API Gateway's own payload limit; the handlers enforce the API's much smaller one. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  method: string;
  routeKey: string;
  pattern: RegExp;
  params: string[];
  fn: FunctionName;
}

const compile = (): CompiledRoute[] =>
  routeList().map((r) => {
    const params: string[] = [];
    const source = r.path
      .split('/')
      .map((segment) => {
        const m = /^\{(.+)\}$/.exec(segment);
        if (!m?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        params.push(m[1]);
        return '([^/]+)';
      })
      .join('/');
    return { method: r.method, routeKey: `${r.method} ${r.path}`, pattern: new RegExp(`^${source}$`), params, fn: r.fn };
  });

const joinHeaders = (req: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
};

const readBody = (req: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

const isText = (contentType: string | undefined) => !contentType || /json|text|xml|x-www-form-urlencoded/i.test(contentType);

const lambdaContext = (functionName: string, requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 29_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

export const buildEvent = (req: IncomingMessage, body: Buffer, match?: { route: CompiledRoute; values: string[] }): APIGatewayProxyEventV2 => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const { cookie, ...headers }: Record<string, string> = { ...joinHeaders(req), 'x-forwarded-proto': 'http' };
  // Payload 2.0: the Cookie header becomes the `cookies` list and leaves the headers.
  const cookies = cookie ? cookie.split(';').map((c) => c.trim()).filter(Boolean) : [];
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const text = isText(headers['content-type']);
  const requestId = randomUUID();
  const routeKey = match?.route.routeKey ?? '$default';
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(match && match.route.params.length > 0
      ? { pathParameters: Object.fromEntries(match.route.params.map((p, i) => [p, decodeURIComponent(match.values[i] ?? '')])) }
      : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !text } : { isBase64Encoded: false }),
  };
};

const send = (res: ServerResponse, status: number, headers: Record<string, string | number | boolean | string[]>, body?: string | Buffer) => {
  res.writeHead(status, Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)])));
  res.end(body);
};

export const createGateway = (): Server => {
  const compiled = compile();
  return createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      if (body === 'too-large') return send(res, 413, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Request Entity Too Large' }));
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (await serveWebApp(req, res, path)) return;
      let match: { route: CompiledRoute; values: string[] } | undefined;
      for (const route of compiled) {
        if (route.method !== req.method) continue;
        const m = route.pattern.exec(path);
        if (m) {
          match = { route, values: m.slice(1) };
          break;
        }
      }
      const event = buildEvent(req, body, match);
      const handler: LambdaHttpHandler = match ? httpHandlers[match.route.fn] : unknownRouteHandler;
      const result = await handler(event, lambdaContext(match?.route.fn ?? 'meta', event.requestContext.requestId));
      const payload = result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
      const headers: Record<string, string | number | boolean | string[]> = { ...(result.headers ?? {}), 'x-amzn-requestid': event.requestContext.requestId };
      if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
      send(res, result.statusCode ?? 200, headers, payload);
    } catch (error) {
      // API Gateway answers a crashed integration with a bare 500; so does the local gateway.
      console.error('gateway: handler failed', error);
      send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
};
