/**
 * The OpenAPI document is generated from the route table, the validating schemas and the answer shapes, so it cannot
 * drift: every route with its role and credentials (checked against what the stack accepts), its body and its answers.
 * That every answer matches its shape is checked on every call the tests make (test/harness/answers.ts).
 */
import { routeList, type Role } from '#routes/table';
import { startTestApp, type Answer, type TestApp } from '#harness/app';
import { signedInCustomer } from '#harness/portal';

let app: TestApp;
let doc: Answer['body'];
beforeAll(async () => {
  app = await startTestApp();
  doc = (await app.call('GET', '/rest/openapi.json', { as: null })).body;
});
afterAll(() => app.close());

/** What each role's routes must say: staff use Basic (email:API token) or the console's cookie, customers a Bearer portal session or the portal's. */
const EXPECTED_SECURITY: Record<Role, unknown[]> = {
  public: [],
  customer: [{ bearer: [] }, { portalCookie: [] }],
  signedIn: [{ basic: [] }, { consoleCookie: [] }, { bearer: [] }, { portalCookie: [] }],
  agent: [{ basic: [] }, { consoleCookie: [] }],
  admin: [{ basic: [] }, { consoleCookie: [] }],
};

const operations = () => routeList().map((route) => ({ route, operation: doc.paths[route.path]?.[route.method.toLowerCase()] }));
const samplePath = (path: string) => path.replace(/\{[^}]+\}/g, '1');

describe('GET /rest/openapi.json', () => {
  it('documents every route of the route table with its role, without credentials', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const { route, operation } of operations()) {
      expect(operation).toMatchObject({ operationId: route.operationId, 'x-required-role': route.role });
    }
  });

  it('names the credentials: Basic email:API token (or the console cookie) for staff, a Bearer portal session (or its cookie) for customers', () => {
    expect(doc.components.securitySchemes).toEqual({
      basic: { type: 'http', scheme: 'basic', description: expect.stringMatching(/API token/) },
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: expect.stringMatching(/session/) },
      portalCookie: { type: 'apiKey', in: 'cookie', name: '__Host-portal-session', description: expect.stringMatching(/CSRF/) },
      consoleCookie: { type: 'apiKey', in: 'cookie', name: '__Host-console-session', description: expect.stringMatching(/CSRF/) },
    });
  });

  it('gives a public route no credentials, a staff route Basic, a customer route Bearer, a route for both either', () => {
    const byRole = new Map<Role, number>();
    for (const { route, operation } of operations()) {
      expect([route.operationId, operation.security]).toEqual([route.operationId, EXPECTED_SECURITY[route.role]]);
      expect([route.operationId, '401' in operation.responses]).toEqual([route.operationId, route.role !== 'public']);
      byRole.set(route.role, (byRole.get(route.role) ?? 0) + 1);
    }
    expect(Object.fromEntries(byRole)).toEqual({ public: expect.any(Number), customer: expect.any(Number), signedIn: expect.any(Number), agent: expect.any(Number), admin: expect.any(Number) });
  });

  it('says what the stack does: credentials a route does not list are refused, a public route asks for none', async () => {
    const customer = { bearer: (await signedInCustomer(app)).session.token };
    for (const { route, operation } of operations()) {
      const schemes = (operation.security as Array<Record<string, unknown>>).flatMap((s) => Object.keys(s));
      const path = samplePath(route.path);
      const body = route.body ? {} : undefined;
      if (schemes.length === 0) {
        const answer = await app.call(route.method, path, { as: null, body });
        expect([route.operationId, answer.status]).not.toEqual([route.operationId, 401]);
        continue;
      }
      if (!schemes.includes('bearer')) expect([route.operationId, (await app.call(route.method, path, { as: customer, body })).status]).toEqual([route.operationId, 403]);
      if (!schemes.includes('basic')) expect([route.operationId, (await app.call(route.method, path, { body })).status]).toEqual([route.operationId, 403]);
      expect([route.operationId, (await app.call(route.method, path, { as: null, body })).status]).toEqual([route.operationId, 401]);
    }
  });

  it('describes every answer: the success status of each route, with the shape of its body', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) expect(doc.components.schemas).toHaveProperty([JSON.parse(`{${ref}}`).$ref.split('/').pop()]);
    for (const { route, operation } of operations()) {
      expect([route.operationId, Object.keys(operation.responses)]).toEqual([route.operationId, expect.arrayContaining([String(route.success)])]);
      const content = operation.responses[String(route.success)].content;
      expect([route.operationId, content === undefined]).toEqual([route.operationId, route.success === 204 || route.success === 303 || route.operationId === 'setOrganizationProperty']);
    }
    const request = doc.paths['/rest/servicedeskapi/request/{issueIdOrKey}'].get.responses['200'].content['application/json'].schema;
    expect(request).toEqual({ $ref: '#/components/schemas/CustomerRequest' });
    expect(doc.components.schemas.CustomerRequest).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['issueId', 'issueKey', 'reporter', 'requestFieldValues', 'currentStatus', '_links']),
    });
    const page = doc.paths['/rest/servicedeskapi/request'].get.responses['200'].content['application/json'].schema;
    expect(doc.components.schemas[page.$ref.split('/').pop()]).toMatchObject({
      required: expect.arrayContaining(['size', 'start', 'limit', 'isLastPage', 'values', '_links']),
      properties: { values: { type: 'array', items: { $ref: '#/components/schemas/CustomerRequest' } } },
    });
    expect(doc.paths['/rest/servicedeskapi/request'].get.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
  });

  it('describes a request body with the same rules that validate it', () => {
    const schema = doc.paths['/rest/servicedeskapi/customer'].post.requestBody.content['application/json'].schema;
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['email'],
      properties: { email: expect.any(Object), displayName: expect.any(Object), fullName: expect.any(Object) },
    });
    const parameters = doc.paths['/rest/admin/1/customer'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['start', 'limit', 'query', 'status', 'accountType']));
  });
});
