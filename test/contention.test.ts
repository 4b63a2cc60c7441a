/**
 * The request path under contention: numbers come from an atomic per-desk counter (leased in blocks under a burst)
 * taken before the create transaction, so parallel creates never retry against each other; what contention is left
 * answers 503 with Retry-After, and nothing is written twice or half.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#store/client';
import { requestKeys } from '#store/entities/request';
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';
import { allPages, createDesk, type Desk } from '#harness/desks';
import { bearer, signedInCustomer, type Session } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => jest.restoreAllMocks());

const requestTypeOf = async (desk: Desk): Promise<string> =>
  (await app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;

const raise = (session: Session, desk: Desk, requestTypeId: string, summary: string) =>
  app.call('POST', '/rest/servicedeskapi/request', { as: bearer(session), body: { serviceDeskId: desk.id, requestTypeId, requestFieldValues: { summary } } });

const deskRequests = async (desk: Desk) =>
  (await allPages<{ issueKey: string; requestFieldValues: Array<{ value: string }> }>(app, `/rest/servicedeskapi/request?requestOwnership=ALL_REQUESTS&serviceDeskId=${desk.id}&limit=100`)).values;

describe('creating requests in parallel', () => {
  it('32 parallel creates on one desk and 32 spread over four desks: all 201, each once, keys unique', async () => {
    const desks = [await createDesk(app, 'open'), await createDesk(app, 'open'), await createDesk(app, 'open'), await createDesk(app, 'open')];
    const types = await Promise.all(desks.map(requestTypeOf));
    const { session } = await signedInCustomer(app);
    const one = await Promise.all(Array.from({ length: 32 }, (_, i) => raise(session, desks[0]!, types[0]!, `same desk ${i}`)));
    const spread = await Promise.all(Array.from({ length: 32 }, (_, i) => raise(session, desks[i % 4]!, types[i % 4]!, `spread ${i}`)));
    expect([...one, ...spread].map((a) => a.status)).toEqual(Array(64).fill(201));
    const keys = [...one, ...spread].map((a) => a.body.issueKey as string);
    expect(new Set(keys).size).toBe(64);
    expect(new Set([...one, ...spread].map((a) => a.body.issueId as string)).size).toBe(64);

    const stored = (await Promise.all(desks.map(deskRequests))).flat();
    expect(stored.map((r) => r.issueKey).sort()).toEqual([...keys].sort());
  });
});

describe('contention retries do not outlast', () => {
  const failTransactions = (reason: 'TransactionConflict' | 'ThrottlingError') => {
    const client = dynamo();
    const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    return jest.spyOn(client, 'send').mockImplementation((async (command: { constructor: { name: string } }) => {
      if (command.constructor.name !== 'TransactWriteCommand') return send(command);
      throw new TransactionCanceledException({ message: 'injected', $metadata: {}, CancellationReasons: [{ Code: reason }] });
    }) as never);
  };

  it.each(['TransactionConflict', 'ThrottlingError'] as const)('a create that keeps meeting %s answers 503 with Retry-After and writes nothing', async (reason) => {
    const desk = await createDesk(app, 'open');
    const typeId = await requestTypeOf(desk);
    const { session } = await signedInCustomer(app);
    failTransactions(reason);
    const answer = await raise(session, desk, typeId, 'Busy');
    jest.restoreAllMocks();
    expectJsmError(answer, 503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await deskRequests(desk)).toEqual([]);
    expect((await raise(session, desk, typeId, 'Calm again')).status).toBe(201);
  });
});

describe('lost updates', () => {
  /** Someone else changes the request (its version moves on) after this call read it and before its transaction. */
  const changedBeforeTheWrite = (issueId: string) => {
    const client = dynamo();
    const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    let raced = false;
    return jest.spyOn(client, 'send').mockImplementation((async (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'TransactWriteCommand' && !raced) {
        raced = true;
        await send(new UpdateCommand({ TableName: tableName(), Key: requestKeys(issueId), UpdateExpression: 'SET version = version + :one', ExpressionAttributeValues: { ':one': 1 } }));
      }
      return send(command);
    }) as never);
  };

  it('a transition of a request that changed between the read and the write answers 409, and the status stays', async () => {
    const desk = await createDesk(app, 'open');
    const { session } = await signedInCustomer(app);
    const request = (await raise(session, desk, await requestTypeOf(desk), 'Racing')).body;
    const transitions = await app.call('GET', `/rest/servicedeskapi/request/${request.issueKey}/transition`, { as: bearer(session) });
    const resolve = transitions.body.values.find((t: { name: string }) => t.name === 'Resolve this issue');
    changedBeforeTheWrite(request.issueId);
    const answer = await app.call('POST', `/rest/servicedeskapi/request/${request.issueKey}/transition`, { as: bearer(session), body: { id: resolve.id } });
    jest.restoreAllMocks();
    expect(expectJsmError(answer, 409)).toBe('The request changed meanwhile; try again');
    const stored = await dynamo().send(new GetCommand({ TableName: tableName(), Key: requestKeys(request.issueId), ConsistentRead: true }));
    expect(stored.Item?.status).toBe('Waiting for support');
  });

  it('muting notifications of a request that changed meanwhile answers 409, and nothing is muted', async () => {
    const desk = await createDesk(app, 'open');
    const { session } = await signedInCustomer(app);
    const request = (await raise(session, desk, await requestTypeOf(desk), 'Racing too')).body;
    changedBeforeTheWrite(request.issueId);
    const answer = await app.call('DELETE', `/rest/servicedeskapi/request/${request.issueKey}/notification`, { as: bearer(session) });
    jest.restoreAllMocks();
    expect(expectJsmError(answer, 409)).toBe('The request changed meanwhile; try again');
    const stored = await dynamo().send(new GetCommand({ TableName: tableName(), Key: requestKeys(request.issueId), ConsistentRead: true }));
    expect(stored.Item?.mutedBy).toBeUndefined();
  });
});
