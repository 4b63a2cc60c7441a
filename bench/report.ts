/** The issue's budgets judged against the measurements, and the two reports: results.json and results.md. */
import type { BundleModes, BundleResults, SdkMode } from './bundles';
import { accessBudgets, accessMarkdown } from './access-report';
import type { TransactionCalibration } from './calibration';
import { describe, table } from './format';
import { SIZES, type OperationResult, type OperationsResults } from './operations';
import { requestBudgets, requestMarkdown } from './request-report';
import { attachmentBudgets, attachmentMarkdown } from './attachment-report';

/** Each API function may be at most this much larger than the bare DynamoDB + middy handler. */
export const BUNDLE_DELTA_LIMIT_BYTES = 150 * 1024;
/** The functions outside the API (bench/bundles.ts OTHER_FUNCTIONS), each with its own limit over the bare handler. */
export const OTHER_BUNDLE_DELTA_LIMIT_BYTES: Record<string, number> = {
  /** The inbound email channel parses MIME (its own parser, shared/mail): the requests issue allows it 450 KB. */
  'inbound-mail': 450 * 1024,
  /** SES bounces and complaints: a small SNS handler, held to the API functions' limit. */
  'mail-events': 150 * 1024,
};

export interface Budget {
  budget: string;
  limit: string;
  measured: string;
  pass: boolean;
}

export interface Results {
  generatedAt: string;
  environment: Record<string, string | number>;
  budgets: Budget[];
  allBudgetsMet: boolean;
  auth: OperationsResults['auth'];
  operations: Record<string, OperationResult>;
  rawGetItem: OperationsResults['rawGetItem'];
  getCustomerVsRawGetItem: OperationsResults['getCustomerVsRawGetItem'];
  access: OperationsResults['access'];
  requests: OperationsResults['requests'];
  dynamoDbLocalTransactionCapacity: TransactionCalibration[];
  scanCommandsInRun: number;
  allCommands: Record<string, number>;
  bundles: {
    chosenMode: SdkMode;
    importMsTotal: BundleResults['importMsTotal'];
    bare: BundleModes;
    missingEntries: string[];
    functions: Record<string, BundleModes & { deltaOverBareBytes: Record<SdkMode, number> }>;
    /** Functions outside the API, with their own budgets (OTHER_BUNDLE_DELTA_LIMIT_BYTES). */
    otherFunctions: Record<string, BundleModes & { deltaOverBareBytes: Record<SdkMode, number> }>;
  };
}

/**
 * The load issue's limits on round trips made one after the other: read routes with authentication included (as a
 * cold function pays it), POST request as a warm function answers it: the identity cache remembers the caller, so
 * authentication costs no stage there (a cold function's first call pays one more).
 */
const STAGE_LIMITS: Record<string, { limit: number; withAuth: boolean }> = {
  getCustomer: { limit: 2, withAuth: true },
  listMyRequests: { limit: 2, withAuth: true },
  createRequest: { limit: 3, withAuth: false },
};
const stageBudgets = (ops: OperationsResults): Budget[] =>
  Object.entries(STAGE_LIMITS).flatMap(([name, { limit, withAuth }]) => {
    const op = ops.operations[name];
    if (!op) return [];
    const measured = withAuth ? op.stages : op.stagesExcludingAuth;
    const how = withAuth ? 'authentication included' : 'warm: the caller remembered, authentication costs no stage; cold: one more';
    return [{ budget: `${op.what}: sequential stages (${how})`, limit: `<= ${limit}`, measured: String(measured), pass: measured <= limit }];
  });

const SEARCH_PAGES = ['searchPageDirectory', 'searchPageEmailPrefix', 'searchPageNamePrefix', 'searchPageNameAndEmailPrefix'];

const exactly = (commands: Record<string, number>, command: string) =>
  Object.keys(commands).length === 1 && commands[command] === 1;

/** Each bundle's bytes over the bare handler, in both modes, and the size budgets judged in the chosen mode. */
export const bundleBudgets = (bundles: BundleResults): { bundles: Results['bundles']; budgets: Budget[] } => {
  const chosen = bundles.chosenMode;
  const withDeltas = (measured: Record<string, BundleModes>) =>
    Object.fromEntries(
      Object.entries(measured).map(([fn, modes]) => {
        const over = (mode: SdkMode) => modes[mode].bytes - bundles.bare[mode].bytes;
        return [fn, { ...modes, deltaOverBareBytes: { sdkBundled: over('sdkBundled'), sdkExternal: over('sdkExternal') } }];
      }),
    );
  const functions = withDeltas(bundles.functions);
  const otherFunctions = withDeltas(bundles.otherFunctions);
  const budgets: Budget[] = [];
  const bundleBudget = (fn: string, delta: number, limit: number, what: string) =>
    budgets.push({
      budget: `bundle of "${fn}" over the bare handler (${chosen}${what})`,
      limit: `<= ${limit} B`,
      measured: `${delta} B`,
      pass: delta <= limit,
    });
  for (const [fn, bundle] of Object.entries(functions)) bundleBudget(fn, bundle.deltaOverBareBytes[chosen], BUNDLE_DELTA_LIMIT_BYTES, '');
  for (const [fn, bundle] of Object.entries(otherFunctions)) {
    const limit = OTHER_BUNDLE_DELTA_LIMIT_BYTES[fn];
    if (limit === undefined) throw new Error(`no bundle budget for the function "${fn}"`);
    bundleBudget(fn, bundle.deltaOverBareBytes[chosen], limit, ', not behind the API: its own budget');
  }
  return {
    bundles: { chosenMode: chosen, importMsTotal: bundles.importMsTotal, bare: bundles.bare, missingEntries: bundles.missingEntries, functions, otherFunctions },
    budgets,
  };
};

export const evaluate = (
  bundles: BundleResults,
  ops: OperationsResults,
  calibration: TransactionCalibration[],
  environment: Results['environment'],
): Results => {
  const sizes = bundleBudgets(bundles);
  const budgets: Budget[] = [...sizes.budgets];
  const create = ops.operations.createCustomer;
  if (create) {
    budgets.push({
      budget: 'create customer: one transaction, no extra reads (excluding auth)',
      limit: '1 TransactWriteItems',
      measured: describe(create.commandsExcludingAuth),
      pass: exactly(create.commandsExcludingAuth, 'TransactWriteItemsCommand'),
    });
  }
  for (const name of SEARCH_PAGES) {
    const op = ops.operations[name];
    if (!op) continue;
    budgets.push({
      budget: `${op.what}: one Query (excluding auth)`,
      limit: '1 Query',
      measured: describe(op.commandsExcludingAuth),
      pass: exactly(op.commandsExcludingAuth, 'QueryCommand'),
    });
  }
  budgets.push(...stageBudgets(ops));
  budgets.push(...accessBudgets(ops));
  budgets.push(...requestBudgets(ops));
  budgets.push(...attachmentBudgets(ops));
  const scans = ops.allCommands.ScanCommand ?? 0;
  budgets.push({ budget: 'no Scan in any call of the run (setup included)', limit: '0 Scan', measured: `${scans} Scan`, pass: scans === 0 });

  return {
    generatedAt: new Date().toISOString(),
    environment,
    budgets,
    allBudgetsMet: budgets.every((b) => b.pass),
    auth: ops.auth,
    operations: ops.operations,
    rawGetItem: ops.rawGetItem,
    getCustomerVsRawGetItem: ops.getCustomerVsRawGetItem,
    access: ops.access,
    requests: ops.requests,
    dynamoDbLocalTransactionCapacity: calibration,
    scanCommandsInRun: scans,
    allCommands: ops.allCommands,
    bundles: sizes.bundles,
  };
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Why a search page can cost more than one Query, said only when one did. */
const searchNote = (r: Results): string => {
  const costly = Object.values(r.operations).filter((o) => o.request.includes('query=') && o.roundTripsExcludingAuth > 1);
  if (costly.length === 0) return '';
  return `${costly.map((o) => `"${o.what}"`).join(', ')} took more than one Query for one page. DynamoDB applies a
FilterExpression after \`Limit\`: the search keeps an account's name entry only when its email entry does not match
too, and here the filtered name entries ("maria garcia#...") sort before the email entries ("maria.garcia...#..."),
so the first Query of \`Limit\` start + limit + 1 came back with few or no items and shared/store/query.ts read on
until the page was full. Any term that starts both the name and the email of more than about limit / 2 accounts
does this.

`;
};

const transactionNote = (r: Results): string => {
  const calibration = r.dynamoDbLocalTransactionCapacity;
  const half = calibration.every((c) => c.reportedCapacityUnits * 2 === c.realCapacityUnits);
  const constant = new Set(calibration.map((c) => c.reportedCapacityUnits)).size === 1;
  const verdict = half
    ? 'exactly half the real rate, as shared/TOOLCHAIN.md says'
    : `not half the real rate${constant ? ': its figure did not grow with the number of items, so it undercounts transactions of several small items' : ''}`;
  const tx = r.operations.createCustomer?.transactItems ?? 0;
  return `shared/TOOLCHAIN.md says DynamoDB Local reports transactional capacity at half the real rate. Measured in this
run, one TransactWriteItems of small items (about 100 bytes, no index entries) on a scratch table:

${table(['Items', 'Reported by DynamoDB Local', 'Real DynamoDB (2 WCU per item per started KB)'], calibration.map((c) => [c.items, c.reportedCapacityUnits, c.realCapacityUnits]))}

So DynamoDB Local reports ${verdict}. The capacity of transactional operations above is therefore not the real
cost: create customer writes ${tx} items in its transaction, which real DynamoDB charges at least ${2 * tx} WCU on the
table (2 per item of up to 1 KB), plus the writes to the indexes the items appear in.`;
};

export const markdown = (r: Results): string => {
  const ops = Object.values(r.operations);
  const chosen = r.bundles.chosenMode;
  const other: SdkMode = chosen === 'sdkBundled' ? 'sdkExternal' : 'sdkBundled';
  const bundleRows = [
    ...[...Object.entries(r.bundles.functions), ...Object.entries(r.bundles.otherFunctions).map(([fn, b]) => [`${fn} (not behind the API)`, b] as const)].map(([fn, b]) => [
      fn, kb(b.sdkBundled.bytes), b.sdkBundled.importMsMedian, kb(b.sdkExternal.bytes), b.sdkExternal.importMsMedian,
      kb(b.deltaOverBareBytes[chosen]), kb(b.deltaOverBareBytes[other]),
    ]),
    ['bare handler (baseline)', kb(r.bundles.bare.sdkBundled.bytes), r.bundles.bare.sdkBundled.importMsMedian,
      kb(r.bundles.bare.sdkExternal.bytes), r.bundles.bare.sdkExternal.importMsMedian, '-', '-'],
  ];
  const partsRows = [
    ...[...Object.entries(r.bundles.functions), ...Object.entries(r.bundles.otherFunctions)].map(([fn, b]) => [fn, b[chosen].largestParts] as const),
    ['bare handler', r.bundles.bare[chosen].largestParts] as const,
  ].map(([name, parts]) => [name, Object.entries(parts).map(([p, bytes]) => `${p} ${kb(bytes)}`).join(', ')]);

  return `# Bench results

Generated by \`npm run bench\` at ${r.generatedAt}: ${Object.entries(r.environment).map(([k, v]) => `${k} ${v}`).join(', ')}.
Machine-readable: \`bench/results.json\`.

## Budgets (${r.allBudgetsMet ? 'all met' : 'NOT all met: `npm run bench` exits 1'})

${table(['Budget', 'Limit', 'Measured', 'Result'], r.budgets.map((b) => [b.budget, b.limit, b.measured, b.pass ? 'pass' : '**FAIL**']))}

## DynamoDB cost per operation

Authenticating a staff request costs ${describe(r.auth.commands)} (capacity ${r.auth.capacityUnits}); the
"excl. auth" columns subtract exactly that. Round trips and capacity are those of the costliest sample
(${ops.some((o) => o.costVaries) ? 'some operations varied between samples: see `costVaries` in the JSON' : 'every sample of an operation cost the same'}).

${table(
  ['Operation', 'Request', 'Round trips', 'Stages', 'excl. auth', 'Commands excl. auth', 'Capacity', 'excl. auth', 'Items in transaction', 'p50 ms', 'p99 ms', 'Samples'],
  ops.map((o) => [
    o.what + (o.pageSize === undefined ? '' : ` (${o.pageSize} items)`), `\`${o.request}\``, o.roundTrips, o.stages, o.roundTripsExcludingAuth,
    describe(o.commandsExcludingAuth), o.capacityUnits, o.capacityUnitsExcludingAuth, o.transactItems || '-', o.p50Ms, o.p99Ms, o.samples,
  ]),
)}

${searchNote(r)}Scan commands in the whole run (seeding, setup, warm-up and measured calls): ${r.scanCommandsInRun}.
All DynamoDB commands of the run: ${describe(r.allCommands)}.

${accessMarkdown(r)}

${requestMarkdown(r)}

${attachmentMarkdown(r)}

## Capacity of transactions in DynamoDB Local

${transactionNote(r)}

## Latency: the gateway next to a raw GetItem

${table(
  ['Call', 'p50 ms', 'p99 ms', 'Samples'],
  [
    ['GET customer over the local gateway (auth + 1 GetItem)', r.operations.getCustomer?.p50Ms ?? '-', r.operations.getCustomer?.p99Ms ?? '-', r.operations.getCustomer?.samples ?? '-'],
    ['raw GetItem of the same item (plain DynamoDBDocumentClient)', r.rawGetItem.p50Ms, r.rawGetItem.p99Ms, r.rawGetItem.samples],
    ['ratio gateway / raw', r.getCustomerVsRawGetItem.p50Ratio, r.getCustomerVsRawGetItem.p99Ratio, ''],
  ],
)}

## Bundles

Minified \`.cjs\` bytes (source map not counted) and the median time of \`require()\` of the bundle in a fresh node
process. Sum of the API functions' medians: SDK bundled ${r.bundles.importMsTotal.sdkBundled} ms, SDK left to the
runtime ${r.bundles.importMsTotal.sdkExternal} ms (functions not behind the API left out). **Chosen mode: ${chosen === 'sdkBundled' ? 'AWS SDK bundled' : 'AWS SDK left to the runtime'}**
(the faster to import); the size budgets are judged in that mode: ${kb(BUNDLE_DELTA_LIMIT_BYTES)} over the bare handler for each API
function${Object.entries(OTHER_BUNDLE_DELTA_LIMIT_BYTES).map(([fn, limit]) => `, ${kb(limit)} for "${fn}"`).join('')}.

${table(['Function', 'SDK bundled', 'import ms', 'SDK external', 'import ms', `over bare (${chosen}, budgeted)`, `over bare (${other})`], bundleRows)}

${r.bundles.missingEntries.length > 0 ? `Not bundled, their entry files do not exist yet: ${r.bundles.missingEntries.join(', ')}.\n\n` : ''}Largest parts of each bundle (${chosen}):

${table(['Bundle', 'Largest packages / source folders'], partsRows)}

## Method

- One DynamoDB Local (in memory) on a free port, one table, and the local gateway (\`startApi\`, the same code
  \`npm start\` serves) on port 0, all driven from this process over HTTP with \`fetch\`.
- Cost: the store's meter (\`storeMeter\` in shared/store/client.ts) counts every DynamoDB call the handlers make and
  asks each for \`ReturnConsumedCapacity: TOTAL\`; it is reset before one HTTP call and read after its answer (or
  around one direct call of \`effectiveAccess\` or \`processInboundMail\`). Setup calls run in parallel and are not metered; an observer on
  the same client counts every command of the run for the "no Scan" budget.
- Authentication: every staff request first runs \`authenticate\` (shared/http/auth.ts). Its cost is measured by
  calling that function alone, five times, which must all cost the same; that reading is subtracted to give the
  "excl. auth" figures (for a customer's call, the same measurement with the customer's \`Bearer\` session). The budgets on round trips are judged excluding auth.
- Data set: ${SIZES.warmUpCreates} warm-up creates, then ${2 * SIZES.customersPerGroup} measured creates in two groups of ${SIZES.customersPerGroup}: "Maria <Last>" with
  \`maria.<last>.<n>@example.test\` (a term that starts both name and email) and "Noah <Last>" with
  \`cust<n>@shop.example\` (name and email differ). Each search asks for a page of 50.
- Latency: sequential calls; get customer and the raw GetItem alternate (${SIZES.getWarmUp} warm-up pairs, then
  ${SIZES.getSamples} measured), search pages get ${SIZES.searchWarmUp} warm-up and ${SIZES.searchSamples} measured calls. p50/p99 are nearest-rank. Everything runs on one machine, so the
  numbers compare the gateway's overhead with a bare DynamoDB round trip; they are not Lambda latencies.
- Capacity: as DynamoDB Local reports it (\`TOTAL\`, so index writes included); for transactions see above.
- Bundles: esbuild's JS API with the options of \`LAMBDA_BUNDLING\` (infra/bundling.ts), \`bundle: true\`,
  \`platform: node\`, once with nothing external and once with \`@aws-sdk/*\` external. Import time: one discarded
  and 7 measured \`node -e "require(bundle)"\` per bundle, rounds interleaved across bundles, median reported. In the
  external mode the SDK is required from node_modules/ (this machine's Node ${process.versions.node}); in Lambda it
  comes from the runtime's own copy, which may be another SDK version.
`;
};
