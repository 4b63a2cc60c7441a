/** The OpenAPI document is generated from the route table and the validating schemas, so it cannot drift. */
import { routeList } from '#routes/table';
import { startTestApp, type TestApp } from '#harness/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('GET /rest/openapi.json', () => {
  it('documents every route of the route table with its role, without credentials', async () => {
    const answer = await app.call('GET', '/rest/openapi.json', { as: null });
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    for (const route of routeList()) {
      const operation = answer.body.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation).toMatchObject({ operationId: route.operationId, 'x-required-role': route.role });
    }
  });

  it('describes a request body with the same rules that validate it', async () => {
    const answer = await app.call('GET', '/rest/openapi.json', { as: null });
    const schema = answer.body.paths['/rest/servicedeskapi/customer'].post.requestBody.content['application/json'].schema;
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['email'],
      properties: { email: expect.any(Object), displayName: expect.any(Object), fullName: expect.any(Object) },
    });
    const parameters = answer.body.paths['/rest/admin/1/customer'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['start', 'limit', 'query', 'status', 'accountType']));
  });
});
