/**
 * DynamoDB cost and latency of the API's hot operations, over the local gateway (the one `npm start` serves)
 * against DynamoDB Local: the customer directory here, desks and organizations in access-operations.ts, requests
 * and the inbound email in request-operations.ts.
 */
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '#local/dynamodb';
import type { MeterReading } from '#store/client';
import { accountKeys } from '#store/entities/account';
import { measureAccessOperations, type AccessResults } from './access-operations';
import { measureRequestOperations, type RequestResults } from './request-operations';
import { measureAttachmentOperations } from './attachment-operations';
import { TABLE, round, startHarness, type OperationResult, type Sample } from './harness';
import { ms, percentile } from './stats';

export type { OperationResult } from './harness';

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

export interface OperationsResults {
  auth: MeterReading;
  operations: Record<string, OperationResult>;
  rawGetItem: { samples: number; p50Ms: number; p99Ms: number; capacityUnits: number };
  getCustomerVsRawGetItem: { p50Ratio: number; p99Ratio: number };
  /** Desks, organizations and effective access: the scaling series and their data set. */
  access: AccessResults['details'];
  /** Requests, comments and the inbound email: the customer's session cost and what the run sent. */
  requests: RequestResults['details'];
  /** Every DynamoDB command of the run: seeding, setup, warm-up and measured calls. */
  allCommands: Record<string, number>;
}

export const measureOperations = async (dynamoEndpoint: string): Promise<OperationsResults> => {
  const h = await startHarness(dynamoEndpoint);
  const { call, summarize } = h;
  const raw = DynamoDBDocumentClient.from(localDynamoClient(dynamoEndpoint));
  try {
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
    const access = await measureAccessOperations(h);
    const requests = await measureRequestOperations(h);
    const attachments = await measureAttachmentOperations(h);
    return {
      auth: h.auth,
      operations: { ...operations, ...access.operations, ...requests.operations, ...attachments.operations },
      rawGetItem,
      getCustomerVsRawGetItem: {
        p50Ratio: round(getCustomer.p50Ms / rawGetItem.p50Ms),
        p99Ratio: round(getCustomer.p99Ms / rawGetItem.p99Ms),
      },
      access: access.details,
      requests: requests.details,
      allCommands: h.allCommands,
    };
  } finally {
    raw.destroy();
    await h.close();
  }
};
