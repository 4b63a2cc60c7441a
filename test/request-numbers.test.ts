/**
 * A desk's request numbers are leased in blocks under a burst (README: "Request numbers"): every number is handed out
 * once, a burst pays a few counter round trips instead of one per request, and a desk raising a request now and then
 * gets its numbers one at a time, in creation order.
 */
import { randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, storeMeter, tableName } from '#store/client';
import { counterKeys, deskRequestCounter } from '#store/entities/counter';
import { MAX_BLOCK, forgetRequestNumberLeases, nextRequestNumber } from '#domain/request-numbers';
import { WARM_MEMORY_MS } from '#domain/warm-memory';
import { startTestApp, type TestApp } from '#harness/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  jest.restoreAllMocks();
  forgetRequestNumberLeases();
});

/** A desk id of its own for each test: the counter item needs no desk. */
const freshDesk = (): string => String(randomInt(1_000_000, 2_000_000_000));
const counterValue = async (deskId: string): Promise<number> =>
  Number((await dynamo().send(new GetCommand({ TableName: tableName(), Key: counterKeys(deskRequestCounter(deskId)) }))).Item?.value ?? 0);
const clockAt = (start: number) => {
  let now = start;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  return (ms: number) => {
    now += ms;
  };
};

it('gives a desk raising a request now and then one number at a time, in creation order, each from the counter', async () => {
  const deskId = freshDesk();
  const wait = clockAt(Date.now());
  const numbers: number[] = [];
  storeMeter.reset();
  for (let i = 0; i < 4; i += 1) {
    numbers.push(await nextRequestNumber(deskId));
    wait(2000);
  }
  expect(numbers).toEqual([1, 2, 3, 4]);
  expect(storeMeter.read().roundTrips).toBe(4);
  expect(await counterValue(deskId)).toBe(4);
});

it('numbers a burst of 200 parallel creates exactly once each, with a few counter round trips and gaps of less than a block', async () => {
  const deskId = freshDesk();
  storeMeter.reset();
  const numbers: number[] = [];
  for (let wave = 0; wave < 5; wave += 1) numbers.push(...(await Promise.all(Array.from({ length: 40 }, () => nextRequestNumber(deskId)))));
  expect(new Set(numbers).size).toBe(200);
  expect(storeMeter.read().roundTrips).toBeLessThan(40);
  const taken = await counterValue(deskId);
  expect(Math.max(...numbers)).toBeLessThanOrEqual(taken);
  expect(taken - numbers.length).toBeLessThan(MAX_BLOCK);
});

it('drops what a lease did not use once the warm-memory window has passed: a gap, never a number handed out twice', async () => {
  const deskId = freshDesk();
  const wait = clockAt(Date.now());
  const burst = await Promise.all(Array.from({ length: 8 }, () => nextRequestNumber(deskId)));
  const leasedUpTo = await counterValue(deskId);
  wait(WARM_MEMORY_MS + 1);
  const after = await nextRequestNumber(deskId);
  expect(after).toBe(leasedUpTo + 1);
  expect(burst).not.toContain(after);
});

it('lets callers waiting on a block that could not be taken take their own, and tells the caller whose take failed', async () => {
  const deskId = freshDesk();
  const client = dynamo();
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  let failures = 1;
  jest.spyOn(client, 'send').mockImplementation((async (command: { constructor: { name: string } }) => {
    if (command.constructor.name === 'UpdateCommand' && failures-- > 0) throw new Error('injected: the counter could not be moved');
    return send(command);
  }) as never);
  const results = await Promise.allSettled(Array.from({ length: 6 }, () => nextRequestNumber(deskId)));
  const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  expect(new Set(numbers).size).toBe(5);
});
