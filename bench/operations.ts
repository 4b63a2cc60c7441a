/**
 * DynamoDB cost and latency of the API's hot operations, over the local gateway (the one `npm start` serves)
 * against DynamoDB Local. The gateway runs in this process, so the store's meter, reset before one HTTP call and
 * read after it, counts exactly that call's round trips and consumed capacity.
 */
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { newSecret } from '#domain/secrets';
import { ensureBootstrapAdmin } from '#domain/staff';
import { authenticate } from '#http/auth';
import { startApi } from '#local/api';
import { localDynamoClient } from '#local/dynamodb';
import { dynamo, storeMeter, type MeterReading } from '#store/client';
import { accountKeys } from '#store/keys';
import { ms, percentile } from './stats';

const TABLE = 'bench';
const ADMIN = { email: 'bench.admin@example.test', token: newSecret() };
const AUTHORIZATION = `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.token}`).toString('base64')}`;

export const SIZES = {
  warmUpCreates: 10,
  /** Per group of the search data set: more than a page (50), so every search below fills a page. */
  customersPerGroup: 60,
  getWarmUp: 20,
  getSamples: 200,
  searchWarmUp: 5,
  searchSamples: 50,
} as const;
const LAST_NAMES = ['Garcia', 'Smith', 'Okafor', 'Kowalski', 'Nguyen', 'Rossi', 'Haddad', 'Tanaka', 'Silva', 'Novak'];

export interface OperationResult {
  request: string;
  what: string;
  samples: number;
  /** The costliest sample (they are all alike unless `costVaries`), authentication included. */
  roundTrips: number;
  capacityUnits: number;
  commands: Record<string, number>;
  roundTripsExcludingAuth: number;
  capacityUnitsExcludingAuth: number;
  commandsExcludingAuth: Record<string, number>;
  /** Items written by the TransactWriteItems of that sample (DynamoDB charges 2 WCU per item per started KB). */
  transactItems: number;
  costVaries: boolean;
  p50Ms: number;
  p99Ms: number;
  /** Items on the answered page (search pages only). */
  pageSize?: number;
}

export interface OperationsResults {
  auth: MeterReading;
  operations: Record<string, OperationResult>;
  rawGetItem: { samples: number; p50Ms: number; p99Ms: number; capacityUnits: number };
  getCustomerVsRawGetItem: { p50Ratio: number; p99Ratio: number };
  /** Every metered command of the run: seeding, warm-up and measured calls. */
  allCommands: Record<string, number>;
}

interface Sample {
  ms: number;
  reading: MeterReading;
  transactItems: number;
  body: unknown;
}

const addCommands = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [command, n] of Object.entries(from)) into[command] = (into[command] ?? 0) + n;
};

const subtractCommands = (from: Record<string, number>, minus: Record<string, number>): Record<string, number> => {
  const left = { ...from };
  for (const [command, n] of Object.entries(minus)) {
    const rest = (left[command] ?? 0) - n;
    if (rest < 0) throw new Error(`a call made fewer ${command} than authentication alone does`);
    if (rest === 0) delete left[command];
    else left[command] = rest;
  }
  return left;
};

const round = (n: number) => Math.round(n * 1000) / 1000;

export const measureOperations = async (dynamoEndpoint: string): Promise<OperationsResults> => {
  const api = await startApi({ port: 0, tableName: TABLE, dynamoEndpoint });
  const raw = DynamoDBDocumentClient.from(localDynamoClient(dynamoEndpoint));
  const allCommands: Record<string, number> = {};
  // The meter counts commands, not the items inside a transaction: a read-only observer beside it counts those.
  let transactItems = 0;
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        transactItems += (args.input as { TransactItems?: unknown[] }).TransactItems?.length ?? 0;
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchTransactItems' },
  );
  const metered = async <T>(work: () => Promise<T>) => {
    storeMeter.reset();
    transactItems = 0;
    const value = await work();
    const reading = storeMeter.read();
    addCommands(allCommands, reading.commands);
    return { value, reading, transactItems };
  };

  const call = async (method: string, path: string, expected: number, body?: unknown): Promise<Sample> => {
    const headers: Record<string, string> = { authorization: AUTHORIZATION };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    const { value, reading, transactItems: items } = await metered(async () => {
      const response = await fetch(`${api.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, text: await response.text() };
    });
    const elapsed = performance.now() - started;
    if (value.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${value.status} ${value.text}`);
    return { ms: elapsed, reading, transactItems: items, body: value.text ? JSON.parse(value.text) : undefined };
  };

  try {
    await metered(() => ensureBootstrapAdmin(ADMIN.email, ADMIN.token));

    // What authenticating a staff request costs: the very function every staff route runs first.
    const authReadings = [];
    for (let i = 0; i < 5; i += 1) authReadings.push((await metered(() => authenticate(AUTHORIZATION, 'admin'))).reading);
    const auth = authReadings[0] as MeterReading;
    if (authReadings.some((r) => JSON.stringify(r) !== JSON.stringify(auth)) || auth.roundTrips === 0) {
      throw new Error(`authentication cost is not stable: ${JSON.stringify(authReadings)}`);
    }

    const summarize = (request: string, what: string, samples: Sample[]): OperationResult => {
      const costlier = (a: Sample, b: Sample) =>
        b.reading.roundTrips > a.reading.roundTrips ||
        (b.reading.roundTrips === a.reading.roundTrips && b.reading.capacityUnits > a.reading.capacityUnits);
      const worst = samples.reduce((a, b) => (costlier(a, b) ? b : a));
      const costKey = (s: Sample) => JSON.stringify([s.reading.roundTrips, s.reading.capacityUnits, s.reading.commands, s.transactItems]);
      const times = samples.map((s) => s.ms);
      return {
        request,
        what,
        samples: samples.length,
        roundTrips: worst.reading.roundTrips,
        capacityUnits: round(worst.reading.capacityUnits),
        commands: worst.reading.commands,
        roundTripsExcludingAuth: worst.reading.roundTrips - auth.roundTrips,
        capacityUnitsExcludingAuth: round(worst.reading.capacityUnits - auth.capacityUnits),
        commandsExcludingAuth: subtractCommands(worst.reading.commands, auth.commands),
        transactItems: worst.transactItems,
        costVaries: new Set(samples.map(costKey)).size > 1,
        p50Ms: ms(percentile(times, 50)),
        p99Ms: ms(percentile(times, 99)),
      };
    };

    // Create: warm-up creates, then the search data set, whose creates are the measured samples.
    const createPath = '/rest/servicedeskapi/customer';
    for (let i = 0; i < SIZES.warmUpCreates; i += 1) {
      await call('POST', createPath, 201, { email: `warmup.${i}@example.test`, displayName: 'Warm Up' });
    }
    const creates: Sample[] = [];
    for (let i = 0; i < SIZES.customersPerGroup; i += 1) {
      const last = LAST_NAMES[i % LAST_NAMES.length] ?? 'Doe';
      // Group "maria": the term starts both the name and the email. Group "noah": name and email differ.
      creates.push(await call('POST', createPath, 201, { email: `maria.${last.toLowerCase()}.${i}@example.test`, displayName: `Maria ${last}` }));
      creates.push(await call('POST', createPath, 201, { email: `cust${String(i).padStart(4, '0')}@shop.example`, displayName: `Noah ${last}` }));
    }
    const createCustomer = summarize(`POST ${createPath}`, 'create customer', creates);

    // Get: the gateway and a raw GetItem of the same item, alternating so both see the same machine state.
    const accountId = (creates[0]?.body as { accountId?: string } | undefined)?.accountId;
    if (!accountId) throw new Error('create customer answered without an accountId');
    const getPath = `/rest/admin/1/customer/${accountId}`;
    const rawGet = async () => {
      const started = performance.now();
      const out = await raw.send(new GetCommand({ TableName: TABLE, Key: accountKeys(accountId), ReturnConsumedCapacity: 'TOTAL' }));
      if (!out.Item) throw new Error('raw GetItem found no item');
      return { ms: performance.now() - started, capacityUnits: out.ConsumedCapacity?.CapacityUnits ?? 0 };
    };
    const gets: Sample[] = [];
    const rawGets: Array<{ ms: number; capacityUnits: number }> = [];
    for (let i = 0; i < SIZES.getWarmUp + SIZES.getSamples; i += 1) {
      const viaGateway = await call('GET', getPath, 200);
      const direct = await rawGet();
      if (i >= SIZES.getWarmUp) {
        gets.push(viaGateway);
        rawGets.push(direct);
      }
    }
    const getCustomer = summarize('GET /rest/admin/1/customer/{accountId}', 'get customer', gets);
    const rawTimes = rawGets.map((g) => g.ms);
    const rawGetItem = {
      samples: rawGets.length,
      p50Ms: ms(percentile(rawTimes, 50)),
      p99Ms: ms(percentile(rawTimes, 99)),
      capacityUnits: Math.max(...rawGets.map((g) => g.capacityUnits)),
    };

    const searchPage = async (query: string, what: string): Promise<OperationResult> => {
      const path = `/rest/admin/1/customer?${query ? `query=${query}&` : ''}limit=50`;
      const samples: Sample[] = [];
      for (let i = 0; i < SIZES.searchWarmUp + SIZES.searchSamples; i += 1) {
        const sample = await call('GET', path, 200);
        if (i >= SIZES.searchWarmUp) samples.push(sample);
      }
      const pageSize = (samples[0]?.body as { values?: unknown[] } | undefined)?.values?.length ?? 0;
      return { ...summarize(`GET ${path}`, what, samples), pageSize };
    };

    const operations: Record<string, OperationResult> = {
      createCustomer,
      getCustomer,
      searchPageDirectory: await searchPage('', 'search page, no query (the directory by email)'),
      searchPageEmailPrefix: await searchPage('cust', 'search page, term starts emails only'),
      searchPageNamePrefix: await searchPage('noah', 'search page, term starts names only'),
      searchPageNameAndEmailPrefix: await searchPage('maria', 'search page, term starts both name and email'),
    };
    return {
      auth,
      operations,
      rawGetItem,
      getCustomerVsRawGetItem: {
        p50Ratio: round(getCustomer.p50Ms / rawGetItem.p50Ms),
        p99Ratio: round(getCustomer.p99Ms / rawGetItem.p99Ms),
      },
      allCommands,
    };
  } finally {
    raw.destroy();
    await api.close();
  }
};
