/**
 * Deleting an organization with 10,000 members: it is gone for everyone at once, its memberships and desk links
 * are removed in chunks, and a delete cut short (time budget, or a failure) finishes on the next DELETE.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#store/client';
import { accountSnapshot, groupPartition, membershipIndexAttributes, membershipKeys } from '#store/entities/membership';
import type { AccountRecord } from '#store/entities/account';
import { INDEXES } from '#store/table-spec';
import { startTestApp, type TestApp } from '#harness/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.ORGANIZATION_DELETE_BUDGET_MS;
});

const MEMBERS = 10_000;

/** Seeds memberships straight into the table (the API adds at most 50 per call); ids need no account item. */
const seedMembers = async (organizationId: string, count: number, prefix: string) => {
  const group = { kind: 'organizationMembers' as const, organizationId };
  const items = Array.from({ length: count }, (_, i) => {
    const accountId = `${prefix}${String(i).padStart(6, '0')}`;
    const account = { accountId, email: `${accountId}@bulk.test`, displayName: `Bulk ${i}`, accountType: 'portal', status: 'active', timeZone: 'UTC' } as AccountRecord;
    return { ...membershipKeys(group, accountId), entity: 'membership', ...membershipIndexAttributes(group, accountId), ...accountSnapshot(account) };
  });
  const batches = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 20) {
    await Promise.all(batches.slice(i, i + 20).map((batch) => dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: batch.map((Item) => ({ PutRequest: { Item } })) } }))));
  }
};

const countPartition = async (pk: string, index?: keyof typeof INDEXES): Promise<number> => {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const spec = index ? INDEXES[index] : { name: undefined, partition: 'pk' };
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: spec.name,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': spec.partition },
        ExpressionAttributeValues: { ':p': pk },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return count;
};

const setUp = async (name: string, prefix: string) => {
  const desk = (await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: `D${prefix.toUpperCase()}`, projectName: name, access: 'restricted' } })).body;
  const org = (await app.call('POST', '/rest/servicedeskapi/organization', { body: { name } })).body;
  expect((await app.call('POST', `/rest/servicedeskapi/servicedesk/${desk.id}/organization`, { body: { organizationId: org.id } })).status).toBe(204);
  expect((await app.call('PUT', `/rest/servicedeskapi/organization/${org.id}/property/plan`, { body: { tier: 'gold' } })).status).toBe(201);
  const real = await app.createCustomer();
  expect((await app.call('POST', `/rest/servicedeskapi/organization/${org.id}/user`, { body: { accountIds: [real.accountId] } })).status).toBe(204);
  const access = (await app.call('GET', `/rest/admin/1/customer/${real.accountId}`)).body.access;
  expect(access).toEqual([{ serviceDeskId: desk.id, projectKey: desk.projectKey, via: [{ type: 'organization', organizationId: org.id }] }]);
  return { desk, org, real };
};

const expectGone = async (fixture: Awaited<ReturnType<typeof setUp>>, prefix: string) => {
  const { desk, org, real } = fixture;
  expect(await countPartition(groupPartition({ kind: 'organizationMembers', organizationId: org.id }))).toBe(0);
  expect(await countPartition(`ORG#${org.id}`, 'relations')).toBe(0);
  expect(await countPartition(`ORG#${org.id}#PROPERTIES`)).toBe(0);
  expect(await countPartition(`ACCOUNT#${prefix}000042`, 'relations')).toBe(0);
  expect(await countPartition(`ACCOUNT#${real.accountId}`, 'relations')).toBe(0);
  expect((await app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/organization`)).body.values).toEqual([]);
};

describe('deleting an organization with 10,000 members', () => {
  it('removes every membership and link, across several DELETEs when one runs out of time', async () => {
    const fixture = await setUp('Big Corp', 'big');
    await seedMembers(fixture.org.id, MEMBERS, 'big');
    expect(await countPartition(groupPartition({ kind: 'organizationMembers', organizationId: fixture.org.id }))).toBe(MEMBERS + 1);

    process.env.ORGANIZATION_DELETE_BUDGET_MS = '0';
    const first = await app.call('DELETE', `/rest/servicedeskapi/organization/${fixture.org.id}`);
    expect(first.status).toBe(202);
    // Gone for everyone at once, though its items are still being removed.
    expect((await app.call('GET', `/rest/servicedeskapi/organization/${fixture.org.id}`)).status).toBe(404);
    expect((await app.call('GET', `/rest/admin/1/customer/${fixture.real.accountId}`)).body).toMatchObject({ access: [], organizations: [] });
    expect((await app.call('POST', '/rest/servicedeskapi/organization', { body: { name: 'Big Corp' } })).status).toBe(201);

    delete process.env.ORGANIZATION_DELETE_BUDGET_MS;
    // Each DELETE works for its time budget and answers 202 while items are left: as many as a slow machine needs,
    // each leaving fewer, until the 204.
    const statuses: number[] = [];
    let left = MEMBERS + 1;
    for (let call = 0; call < 20 && statuses.at(-1) !== 204; call += 1) {
      statuses.push((await app.call('DELETE', `/rest/servicedeskapi/organization/${fixture.org.id}`)).status);
      const now = await countPartition(groupPartition({ kind: 'organizationMembers', organizationId: fixture.org.id }));
      if (statuses.at(-1) === 202) expect(now).toBeLessThan(left);
      left = now;
    }
    expect(statuses.at(-1)).toBe(204);
    expect(statuses.slice(0, -1).every((s) => s === 202)).toBe(true);
    await expectGone(fixture, 'big');
    expect((await app.call('DELETE', `/rest/servicedeskapi/organization/${fixture.org.id}`)).status).toBe(404);
  });

  it('finishes on the next DELETE after a failure in the middle, leaving no half membership', async () => {
    const fixture = await setUp('Fragile Corp', 'frag');
    await seedMembers(fixture.org.id, 3_000, 'frag');
    const client = dynamo();
    const send = client.send.bind(client);
    let batches = 0;
    jest.spyOn(client, 'send').mockImplementation(async (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'BatchWriteCommand' && ++batches === 30) throw new Error('injected fault');
      return send(command as never);
    });
    expect((await app.call('DELETE', `/rest/servicedeskapi/organization/${fixture.org.id}`)).status).toBe(500);
    jest.restoreAllMocks();
    const left = await countPartition(groupPartition({ kind: 'organizationMembers', organizationId: fixture.org.id }));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(3_001);
    expect((await app.call('DELETE', `/rest/servicedeskapi/organization/${fixture.org.id}`)).status).toBe(204);
    await expectGone(fixture, 'frag');
  });
});
