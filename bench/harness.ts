/**
 * What every measured operation shares: the local gateway (the one `npm start` serves) against DynamoDB Local, the
 * bootstrap admin's Basic credentials, and the store's meter. The gateway runs in this process, so the meter,
 * reset before one call and read after it, counts exactly that call's round trips and consumed capacity.
 */
import { newSecret } from '#domain/secrets';
import { ensureBootstrapAdmin } from '#domain/staff';
import { authenticate } from '#http/auth';
import { startApi, type RunningApi } from '#local/api';
import type { Role } from '#routes/table';
import { dynamo, storeMeter, type MeterReading as StoreReading } from '#store/client';
import { ms, percentile } from './stats';

export const TABLE = 'bench';
const ADMIN = { email: 'bench.admin@example.test', token: newSecret() };
const AUTHORIZATION = `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.token}`).toString('base64')}`;

export interface OperationResult {
  request: string;
  what: string;
  samples: number;
  /** The costliest sample (they are all alike unless `costVaries`), authentication included. */
  roundTrips: number;
  /** Round trips one after the other (the most of any sample), authentication included. */
  stages: number;
  stagesExcludingAuth: number;
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
  /** Items on the answered page (list pages only). */
  pageSize?: number;
}

export interface Sample {
  ms: number;
  reading: MeterReading;
  transactItems: number;
  body: unknown;
}

export interface Harness {
  dynamoEndpoint: string;
  /** The gateway's address, and the bootstrap admin's Authorization header: for load generators. */
  url: string;
  authorization: string;
  /** What authenticating a staff request costs: subtracted to give the "excl. auth" figures. */
  auth: MeterReading;
  /** Every DynamoDB command the store's client sent during the run (setup included, parallel calls included). */
  allCommands: Record<string, number>;
  /** One metered HTTP call as the bootstrap admin; throws unless the answer has the expected status. */
  call(method: string, path: string, expected: number, body?: unknown): Promise<Sample>;
  /** The same with other credentials (a customer's `Bearer <session>`). */
  callAs(authorization: string, method: string, path: string, expected: number, body?: unknown): Promise<Sample>;
  /** The same, unmetered and with the body only: for setup, which may run calls in parallel. */
  setup<T = unknown>(method: string, path: string, expected: number, body?: unknown): Promise<T>;
  /**
   * What authenticating with these credentials for a route of this role costs: `authenticate` alone, five times,
   * which must all cost the same (as `auth` is measured for the admin's Basic credentials).
   */
  authCost(authorization: string, role: Role): Promise<MeterReading>;
  /** One metered call of a function of the code itself (no HTTP, no authentication). */
  direct<T>(work: () => Promise<T>): Promise<Sample & { value: T }>;
  /** `auth`: the authentication paid by each sample (true: the admin's, `auth`; false: none; or a reading). */
  summarize(request: string, what: string, samples: Sample[], auth?: boolean | MeterReading): OperationResult;
  close(): Promise<void>;
}

const NO_AUTH: MeterReading = { roundTrips: 0, stages: 0, capacityUnits: 0, commands: {} };

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

export const round = (n: number) => Math.round(n * 1000) / 1000;

/** The store meter's reading, plus the round trips made one after the other (the bench's own observer times them). */
export type MeterReading = StoreReading & { stages: number };

/** The critical path through the commands' time spans: commands that overlapped ran in parallel. */
export const stagesOf = (spans: Array<{ start: number; end: number }>): number => {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((span, i) => {
    depth[i] = 1 + Math.max(0, ...sorted.slice(0, i).flatMap((before, j) => (before.end <= span.start ? [depth[j] ?? 0] : [])));
  });
  return Math.max(0, ...depth);
};

/** A body sent as is, with its headers: `{ raw, headers }`. */
export interface RawBody {
  raw: Buffer;
  headers: Record<string, string>;
}
const isRaw = (body: unknown): body is RawBody => typeof body === 'object' && body !== null && Buffer.isBuffer((body as RawBody).raw);

export const startHarness = async (dynamoEndpoint: string): Promise<Harness> => {
  const api: RunningApi = await startApi({ port: 0, tableName: TABLE, dynamoEndpoint });
  const allCommands: Record<string, number> = {};
  // The meter counts commands, not the items inside a transaction: a read-only observer beside it counts those,
  // and every command whatever the meter's resets (setup calls run in parallel, so they cannot be metered).
  let transactItems = 0;
  let spans: Array<{ start: number; end: number }> = [];
  // One client per process: a later harness (the load run's) replaces the earlier one's observer.
  dynamo().middlewareStack.remove('benchObserver');
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      allCommands[command] = (allCommands[command] ?? 0) + 1;
      if (command === 'TransactWriteItemsCommand') {
        transactItems += (args.input as { TransactItems?: unknown[] }).TransactItems?.length ?? 0;
      }
      const span = { start: performance.now(), end: Number.POSITIVE_INFINITY };
      spans.push(span);
      try {
        return await next(args);
      } finally {
        span.end = performance.now();
      }
    },
    { step: 'initialize', name: 'benchObserver' },
  );
  const metered = async <T>(work: () => Promise<T>) => {
    storeMeter.reset();
    transactItems = 0;
    spans = [];
    const started = performance.now();
    const value = await work();
    const elapsed = performance.now() - started;
    // Control commands (table administration) are not metered, and none run inside a measured call.
    return { value, ms: elapsed, reading: { ...storeMeter.read(), stages: stagesOf(spans) }, transactItems };
  };

  const send = async (method: string, path: string, expected: number, body?: unknown, authorization = AUTHORIZATION) => {
    const headers: Record<string, string> = { authorization };
    // A raw body (a multipart upload) comes with its own headers; anything else is JSON.
    const raw = isRaw(body) ? body : undefined;
    if (raw) Object.assign(headers, raw.headers);
    else if (body !== undefined) headers['content-type'] = 'application/json';
    // Redirects (attachment downloads answer 303) are the answer measured, not followed.
    const response = await fetch(`${api.url}${path}`, { method, headers, body: raw ? raw.raw : body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };

  // What authenticating costs: the very function every route but the public ones runs first.
  const authCost = async (authorization: string, role: Role): Promise<MeterReading> => {
    const readings = [];
    for (let i = 0; i < 5; i += 1) readings.push((await metered(() => authenticate(authorization, role))).reading);
    const first = readings[0] as MeterReading;
    if (readings.some((r) => JSON.stringify(r) !== JSON.stringify(first)) || first.roundTrips === 0) {
      throw new Error(`authentication cost is not stable: ${JSON.stringify(readings)}`);
    }
    return first;
  };

  try {
    await ensureBootstrapAdmin(ADMIN.email, ADMIN.token);
    const auth = await authCost(AUTHORIZATION, 'admin');

    return {
      dynamoEndpoint,
      url: api.url,
      authorization: AUTHORIZATION,
      auth,
      allCommands,
      call: async (method, path, expected, body) => {
        const { value, ...sample } = await metered(() => send(method, path, expected, body));
        return { ...sample, body: value };
      },
      callAs: async (authorization, method, path, expected, body) => {
        const { value, ...sample } = await metered(() => send(method, path, expected, body, authorization));
        return { ...sample, body: value };
      },
      setup: async <T>(method: string, path: string, expected: number, body?: unknown) => (await send(method, path, expected, body)) as T,
      authCost,
      direct: async (work) => {
        const sample = await metered(work);
        return { ...sample, body: sample.value };
      },
      summarize: (request, what, samples, authPaid = true) => {
        const paid = authPaid === true ? auth : authPaid === false ? NO_AUTH : authPaid;
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
          stages: Math.max(...samples.map((s) => s.reading.stages)),
          stagesExcludingAuth: Math.max(...samples.map((s) => s.reading.stages)) - paid.stages,
          capacityUnits: round(worst.reading.capacityUnits),
          commands: worst.reading.commands,
          roundTripsExcludingAuth: worst.reading.roundTrips - paid.roundTrips,
          capacityUnitsExcludingAuth: round(worst.reading.capacityUnits - paid.capacityUnits),
          commandsExcludingAuth: subtractCommands(worst.reading.commands, paid.commands),
          transactItems: worst.transactItems,
          costVaries: new Set(samples.map(costKey)).size > 1,
          p50Ms: ms(percentile(times, 50)),
          p99Ms: ms(percentile(times, 99)),
        };
      },
      close: () => api.close(),
    };
  } catch (error) {
    await api.close();
    throw error;
  }
};
