/**
 * The load run (the load issue): autocannon against the local gateway at 1, 8 and 32 connections on GET customer,
 * a page of the customer's requests, POST customer and POST request, each as a ratio to raw GetItem throughput at
 * the same concurrency in the same run. Afterwards it counts what was created: every 201 stored exactly once.
 * Wall-clock numbers are recorded; the budgets are the issue's ratios, no 5xx, nothing lost or doubled.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { issueSession } from '#domain/sessions';
import { localDynamoClient } from '#local/dynamodb';
import { getAccount } from '#store/accounts';
import { accountKeys } from '#store/entities/account';
import { deskRequestsPartition } from '#store/entities/request';
import { INDEXES } from '#store/table-spec';
import { describe, table } from './format';
import { TABLE, round, startHarness } from './harness';
import type { Budget } from './report';

export const LOAD = { connections: [1, 8, 32], seconds: 3, getCustomerAt32: 0.35, postRequestAt32: 0.15, noFallTolerance: 0.9 } as const;

const SCENARIOS = ['getCustomer', 'listMyRequests', 'postCustomer', 'postRequest'] as const;
type Scenario = (typeof SCENARIOS)[number];

export interface LoadPoint {
  connections: number;
  rawGetItemPerSecond: number;
  /** Each scenario's ratio is to the raw GetItem run just before it, so a machine whose load drifts skews it less. */
  scenarios: Record<Scenario, { perSecond: number; rawGetItemPerSecond: number; ratioToRaw: number; statuses: Record<string, number>; errors: number; p99Ms: number }>;
}

export interface LoadResults {
  points: LoadPoint[];
  /** Creates answered 201 against what the table holds afterwards. */
  created: {
    customers: { answered: number; sent: number; stored: number; distinct: number };
    requests: { answered: number; sent: number; stored: number; distinct: number };
    /** The mails confirming the load's requests (each request raised under load): mails, distinct keys, keys of no stored request. */
    confirmations: { stored: number; mailed: number; distinct: number; unknown: number };
  };
}

const rawThroughput = async (raw: DynamoDBDocumentClient, accountId: string, connections: number): Promise<number> => {
  const until = performance.now() + LOAD.seconds * 1000;
  let done = 0;
  const loop = async () => {
    while (performance.now() < until) {
      await raw.send(new GetCommand({ TableName: TABLE, Key: accountKeys(accountId) }));
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return done / LOAD.seconds;
};

const countBy = (result: autocannon.Result): Record<string, number> =>
  Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]));

/** A server of the load run in a process of its own (node with the tsx loader), once it printed its address. */
const startProcess = async (script: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> => {
  const profile = process.env.LOAD_PROF && script === 'load-gateway.ts' ? ['--cpu-prof', '--cpu-prof-dir=/tmp/loadprof'] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(import.meta.dirname, script)], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => { throw new Error(`${script} exited with code ${String(code)}`); });
  const first = once(lines, 'line').then(([line]) => JSON.parse(String(line)) as { url: string });
  const { url } = await Promise.race([first, exited]);
  return { url, child };
};

export const measureLoad = async (dynamoEndpoint: string): Promise<LoadResults> => {
  const h = await startHarness(dynamoEndpoint);
  // SES takes the mails confirming each new request (load-ses.ts, a stand-in); the gateway serves the table of the
  // harness (load-gateway.ts), as deployed: the identity cache at its default (the harness turns it off to meter each call).
  const ses = await startProcess('load-ses.ts', {});
  const gateway = await startProcess('load-gateway.ts', { TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamoEndpoint, WARM_MEMORY_SECONDS: '', SES_ENDPOINT: ses.url });
  const raw = DynamoDBDocumentClient.from(localDynamoClient(dynamoEndpoint));
  const run = randomBytes(3).toString('hex');
  const letters = [...randomBytes(6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  try {
    const desk = await h.setup<{ id: string }>('POST', '/rest/admin/1/servicedesk', 201, { projectKey: `LD${letters}`, projectName: 'Load', access: 'open' });
    const types = await h.setup<{ values: Array<{ id: string }> }>('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`, 200);
    const customer = await h.setup<{ accountId: string }>('POST', '/rest/servicedeskapi/customer', 201, { email: `load.owner.${run}@example.test`, displayName: 'Load Owner' });
    const session = await issueSession((await getAccount(customer.accountId))!);
    const bearer = `Bearer ${session.token}`;
    const basic = h.authorization;
    const requestBody = (summary: string) => JSON.stringify({ serviceDeskId: desk.id, requestTypeId: types.values[0]!.id, requestFieldValues: { summary } });
    for (let i = 0; i < 20; i += 1) {
      const seeded = await fetch(`${h.url}/rest/servicedeskapi/request`, { method: 'POST', headers: { authorization: bearer, 'content-type': 'application/json' }, body: requestBody(`seed ${i}`) });
      if (seeded.status !== 201) throw new Error(`load setup: seeding a request answered ${seeded.status}`);
    }

    const target: Record<Scenario, autocannon.Request & { headers: Record<string, string> }> = {
      getCustomer: { method: 'GET', path: `/rest/admin/1/customer/${customer.accountId}`, headers: { authorization: basic } },
      listMyRequests: { method: 'GET', path: '/rest/servicedeskapi/request?requestOwnership=OWNED_REQUESTS&limit=50', headers: { authorization: bearer } },
      postCustomer: {
        method: 'POST', path: '/rest/servicedeskapi/customer', headers: { authorization: basic, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `load.${run}.[<id>]@example.test`, displayName: 'Load [<id>]' }),
      },
      postRequest: { method: 'POST', path: '/rest/servicedeskapi/request', headers: { authorization: bearer, 'content-type': 'application/json' }, body: requestBody(`load [<id>]`) },
    };
    const points: LoadPoint[] = [];
    const answered = { postCustomer: 0, postRequest: 0 };
    const sent = { postCustomer: 0, postRequest: 0 };
    for (const connections of LOAD.connections) {
      const scenarios = {} as LoadPoint['scenarios'];
      for (const scenario of SCENARIOS) {
        const rawGetItemPerSecond = await rawThroughput(raw, customer.accountId, connections);
        // A fixed duration (autocannon ends on whole-second ticks, so a fixed count would measure the tick). The
        // requests still in flight when it ends are sent but not counted as answered.
        const result = await autocannon({ url: gateway.url, connections, duration: LOAD.seconds, idReplacement: true, requests: [target[scenario]] });
        const statuses = countBy(result);
        if (scenario === 'postCustomer' || scenario === 'postRequest') {
          answered[scenario] += statuses['201'] ?? 0;
          sent[scenario] += result.requests.sent;
        }
        const perSecond = result.requests.average;
        scenarios[scenario] = { perSecond, rawGetItemPerSecond: round(rawGetItemPerSecond), ratioToRaw: round(perSecond / rawGetItemPerSecond), statuses, errors: result.errors + result.timeouts, p99Ms: result.latency.p99 };
      }
      const rawGetItemPerSecond = SCENARIOS.reduce((sum, s) => sum + scenarios[s].rawGetItemPerSecond, 0) / SCENARIOS.length;
      points.push({ connections, rawGetItemPerSecond: round(rawGetItemPerSecond), scenarios });
      console.log(`bench:   load at ${connections} connection(s), raw GetItem ${Math.round(rawGetItemPerSecond)}/s: ${SCENARIOS.map((s) => `${s} ${scenarios[s].ratioToRaw}x (${Math.round(scenarios[s].perSecond)}/s)`).join(', ')}`);
    }

    // What was created: the load's customers (by their email prefix) and the desk's requests (by summary), and the
    // confirmations, once the calls autocannon left in flight have settled: two reads 500 ms apart that agree.
    const customers = await directoryMatches(h.url, basic, `load.${run}.`);
    const settled = async () => {
      const loadRequests = (await queryAll(raw, deskRequestsPartition(desk.id))).filter((r) => String(r.summary).startsWith('load '));
      return { loadRequests, confirmed: await confirmedKeys(ses.url, `load.owner.${run}@example.test`) };
    };
    let { loadRequests, confirmed } = await settled();
    for (let tries = 0; tries < 20; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const again = await settled();
      const same = again.loadRequests.length === loadRequests.length && again.confirmed.mails === confirmed.mails;
      ({ loadRequests, confirmed } = again);
      if (same) break;
    }
    const storedKeys = new Set(loadRequests.map((r) => String(r.issueKey)));
    return {
      points,
      created: {
        customers: { answered: answered.postCustomer, sent: sent.postCustomer, stored: customers.length, distinct: new Set(customers.map((c) => c.emailAddress)).size },
        requests: { answered: answered.postRequest, sent: sent.postRequest, stored: loadRequests.length, distinct: new Set(loadRequests.map((r) => r.summary)).size },
        confirmations: { stored: loadRequests.length, mailed: confirmed.mails, distinct: confirmed.keys.size, unknown: [...confirmed.keys].filter((k) => !storedKeys.has(k)).length },
      },
    };
  } finally {
    gateway.child.kill('SIGTERM');
    ses.child.kill('SIGTERM');
    raw.destroy();
    await h.close();
  }
};

/** The request keys of the confirmations (subject `[KEY] load …`) the local SES holds for the address. */
const confirmedKeys = async (sesUrl: string, address: string): Promise<{ mails: number; keys: Set<string> }> => {
  const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: Array<{ subject: string; destination: { to: string[] } }> };
  const subjects = store.emails.filter((m) => m.destination.to.some((to) => to.includes(address))).map((m) => /^\[([A-Z]+-\d+)\] load /.exec(m.subject)?.[1]);
  const keys = subjects.filter((k): k is string => k !== undefined);
  return { mails: keys.length, keys: new Set(keys) };
};

/** Every directory entry whose email starts with the prefix, page by page through the API's own `_links.next`. */
const directoryMatches = async (url: string, authorization: string, prefix: string): Promise<Array<{ emailAddress: string }>> => {
  const found: Array<{ emailAddress: string }> = [];
  let next: string | undefined = `${url}/rest/admin/1/customer?query=${encodeURIComponent(prefix)}&limit=100`;
  while (next) {
    const page = (await (await fetch(next, { headers: { authorization } })).json()) as { values: Array<{ emailAddress: string }>; isLastPage: boolean; _links: { next?: string } };
    found.push(...page.values);
    next = page.isLastPage ? undefined : page._links.next;
  }
  return found;
};

const queryAll = async (raw: DynamoDBDocumentClient, partition: string): Promise<Array<Record<string, unknown>>> => {
  const index = INDEXES.lists;
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await raw.send(
      new QueryCommand({
        TableName: TABLE, IndexName: index.name, KeyConditionExpression: '#p = :p', ExpressionAttributeNames: { '#p': index.partition },
        ExpressionAttributeValues: { ':p': partition }, ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
};

const at = (results: LoadResults, connections: number) => results.points.find((p) => p.connections === connections);

export const loadBudgets = (results: LoadResults): Budget[] => {
  const top = at(results, 32);
  const eight = at(results, 8);
  const fivexx = results.points.flatMap((p) => SCENARIOS.map((s) => Object.entries(p.scenarios[s].statuses).filter(([code]) => Number(code) >= 500).reduce((n, [, c]) => n + c, 0) + p.scenarios[s].errors));
  const { customers, requests, confirmations } = results.created;
  return [
    { budget: 'load run: no 5xx, error or timeout at any concurrency', limit: '0', measured: String(fivexx.reduce((a, b) => a + b, 0)), pass: fivexx.every((n) => n === 0) },
    {
      budget: 'load run: every 201 stored, nothing stored twice (customers, requests; those in flight at the end may be stored too)',
      limit: 'answered <= stored = distinct <= sent',
      measured: `customers ${customers.answered}/${customers.stored}/${customers.distinct}/${customers.sent}, requests ${requests.answered}/${requests.stored}/${requests.distinct}/${requests.sent}`,
      pass: [customers, requests].every((c) => c.answered <= c.stored && c.stored === c.distinct && c.distinct <= c.sent),
    },
    {
      budget: 'load run: every request stored was confirmed by exactly one mail',
      limit: 'mails = distinct = stored, none for another request',
      measured: `${confirmations.mailed}/${confirmations.distinct}/${confirmations.stored}, ${confirmations.unknown} other`,
      pass: confirmations.mailed === confirmations.distinct && confirmations.distinct === confirmations.stored && confirmations.unknown === 0,
    },
    {
      budget: 'load run at 32 connections: GET customer throughput over raw GetItem',
      limit: `>= ${LOAD.getCustomerAt32}`,
      measured: String(top?.scenarios.getCustomer.ratioToRaw ?? '-'),
      pass: (top?.scenarios.getCustomer.ratioToRaw ?? 0) >= LOAD.getCustomerAt32,
    },
    {
      budget: 'load run at 32 connections: POST request throughput over raw GetItem',
      limit: `>= ${LOAD.postRequestAt32}`,
      measured: String(top?.scenarios.postRequest.ratioToRaw ?? '-'),
      pass: (top?.scenarios.postRequest.ratioToRaw ?? 0) >= LOAD.postRequestAt32,
    },
    {
      budget: `load run: POST request throughput does not fall from 8 to 32 connections (within ${Math.round((1 - LOAD.noFallTolerance) * 100)} % noise)`,
      limit: `32 >= ${LOAD.noFallTolerance} x 8`,
      measured: `${round(eight?.scenarios.postRequest.perSecond ?? 0)} -> ${round(top?.scenarios.postRequest.perSecond ?? 0)} req/s`,
      pass: (top?.scenarios.postRequest.perSecond ?? 0) >= LOAD.noFallTolerance * (eight?.scenarios.postRequest.perSecond ?? Number.POSITIVE_INFINITY),
    },
  ];
};

export const loadMarkdown = (results: LoadResults): string => `
## Load run

autocannon against the local gateway (in a process of its own, as \`npm start\` runs it, with the warm memory on),
${LOAD.seconds} s per scenario and level, each right after ${LOAD.seconds} s of raw GetItem loops at the same concurrency against the
same DynamoDB Local. Throughput is requests per second; each ratio is to the raw GetItem run just before it (the
"raw GetItem /s" column is their mean).
Each POST request mails its reporter a confirmation: SES here is a stand-in in a process of its own
(\`bench/load-ses.ts\`) that answers SendRawEmail and keeps each message's To and Subject, so the run counts one
confirmation per stored request. The local SES of \`npm start\` parses every message, which at this rate took a third
of a core from DynamoDB Local and the gateway; SES in AWS takes none of the product's CPU.

${table(
  ['Connections', 'raw GetItem /s', ...SCENARIOS.flatMap((s) => [`${s} /s`, 'ratio', 'p99 ms', 'statuses'])],
  results.points.map((p) => [
    p.connections, round(p.rawGetItemPerSecond),
    ...SCENARIOS.flatMap((s) => [round(p.scenarios[s].perSecond), p.scenarios[s].ratioToRaw, p.scenarios[s].p99Ms, describe(p.scenarios[s].statuses)]),
  ]),
)}

Created during the run and found afterwards: customers ${results.created.customers.answered} answered 201 of ${results.created.customers.sent} sent,
${results.created.customers.stored} stored, ${results.created.customers.distinct} distinct; requests ${results.created.requests.answered} answered 201 of
${results.created.requests.sent} sent, ${results.created.requests.stored} stored, ${results.created.requests.distinct} distinct.
`;
