/** An organization's properties (JSM): any JSON value under a key, within the limits of keys and values. */
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';
import { createOrganization, type Organization } from '#harness/desks';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const ORGS = '/rest/servicedeskapi/organization';
const propertyPath = (org: Organization, key: string) => `${ORGS}/${org.id}/property/${encodeURIComponent(key)}`;

describe('properties of an organization (/organization/{id}/property)', () => {
  it('creates (201), updates (200), reads, lists and deletes (204) a property', async () => {
    const org = await createOrganization(app);
    expect((await app.call('PUT', propertyPath(org, 'plan'), { body: { tier: 'silver' } })).status).toBe(201);
    expect((await app.call('PUT', propertyPath(org, 'plan'), { body: { tier: 'gold' } })).status).toBe(200);
    expect((await app.call('GET', propertyPath(org, 'plan'))).body).toEqual({ key: 'plan', value: { tier: 'gold' } });
    expect((await app.call('PUT', propertyPath(org, 'region'), { body: 'emea' })).status).toBe(201);
    const keys = await app.call('GET', `${ORGS}/${org.id}/property`);
    expect(keys.body.keys).toHaveLength(2);
    expect(keys.body.keys).toEqual(expect.arrayContaining([{ key: 'plan', self: expect.any(String) }, { key: 'region', self: expect.any(String) }]));

    expect((await app.call('DELETE', propertyPath(org, 'plan'))).status).toBe(204);
    expectJsmError(await app.call('GET', propertyPath(org, 'plan')), 404);
    expect((await app.call('GET', `${ORGS}/${org.id}/property`)).body).toEqual({ keys: [{ key: 'region', self: expect.any(String) }] });
  });

  it('stores any JSON value as sent', async () => {
    const org = await createOrganization(app);
    for (const value of [{ nested: { list: [1, 'two', null] } }, ['a', 1, false], 42, 'plain text', true]) {
      expect((await app.call('PUT', propertyPath(org, 'any'), { body: value })).status).toBeLessThan(300);
      expect((await app.call('GET', propertyPath(org, 'any'))).body).toEqual({ key: 'any', value });
    }
  });

  it('answers 404 for an unknown property', async () => {
    const org = await createOrganization(app);
    expectJsmError(await app.call('GET', propertyPath(org, 'nothing')), 404);
    expectJsmError(await app.call('DELETE', propertyPath(org, 'nothing')), 404);
  });

  it('accepts keys up to 255 characters and refuses a 256-character key with 400', async () => {
    const org = await createOrganization(app);
    expect((await app.call('PUT', propertyPath(org, 'k'.repeat(255)), { body: 1 })).status).toBe(201);
    expectJsmError(await app.call('PUT', propertyPath(org, 'k'.repeat(256)), { body: 1 }), 400);
  });

  it('accepts a value of exactly 32 KB of UTF-8 JSON and refuses one byte more, keeping the previous value', async () => {
    const org = await createOrganization(app);
    // Two-byte characters, so that a limit counted in characters instead of bytes would let the larger value in.
    const valueOfBytes = (bytes: number) => {
      const text = 'é'.repeat(10_000);
      const padding = bytes - Buffer.byteLength(JSON.stringify({ text }), 'utf8');
      const value = { text: text + 'x'.repeat(padding) };
      expect(Buffer.byteLength(JSON.stringify(value), 'utf8')).toBe(bytes);
      return value;
    };
    const exact = valueOfBytes(32 * 1024);
    expect((await app.call('PUT', propertyPath(org, 'big'), { body: exact })).status).toBe(201);
    const over = await app.call('PUT', propertyPath(org, 'big'), { body: valueOfBytes(32 * 1024 + 1) });
    expect([400, 413]).toContain(over.status);
    expectJsmError(over, over.status);
    expect((await app.call('GET', propertyPath(org, 'big'))).body).toEqual({ key: 'big', value: exact });
    // Nor is an oversized value stored under a new key.
    expect([400, 413]).toContain((await app.call('PUT', propertyPath(org, 'fresh'), { body: valueOfBytes(32 * 1024 + 1) })).status);
    expectJsmError(await app.call('GET', propertyPath(org, 'fresh')), 404);
  });
});
