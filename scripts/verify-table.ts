/**
 * `npm run verify-table`: reads the whole table (a Scan, at a bounded rate) and reports every broken invariant with
 * the items involved. Exit 0 when the table is clean, 1 when something is broken, 2 on bad usage.
 *
 *   npm run verify-table                                   # the table of `npm start` (DynamoDB Local)
 *   npm run verify-table -- --table <name> --region <r>    # a deployed stack (ambient AWS credentials)
 *
 * Options: --endpoint <url> (another DynamoDB, e.g. Local on another port), --rate <read units per second>
 * (default 100), --consistent (strongly consistent reads), --json (one JSON document on stdout).
 * The invariants are those the store modules export (shared/store/table-check.ts collects them).
 */
import { parseArgs } from 'node:util';
import { localConfig } from '#local/config';
import { dynamo } from '#store/client';
import { ALL_INVARIANTS, checkTable, type Finding } from '#store/table-check';
import { readTable } from './table-reader';

const USAGE = 'usage: npm run verify-table -- [--table <name>] [--region <region> | --endpoint <url>] [--rate <RCU/s>] [--consistent] [--json]';

const options = () => {
  const { values } = parseArgs({
    options: {
      table: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      rate: { type: 'string', default: '100' },
      consistent: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const rate = Number(values.rate);
  if (values.help || !Number.isFinite(rate) || rate <= 0) {
    console.error(USAGE);
    process.exit(2);
  }
  return { ...values, rate };
};

const describe = (findings: Finding[]): string => {
  if (findings.length === 0) return `clean: ${ALL_INVARIANTS.length} invariants hold`;
  const lines = [`${findings.length} broken invariant(s):`];
  for (const f of findings) {
    lines.push(`- [${f.invariant}] ${f.message}`);
    for (const k of f.items) lines.push(`    pk=${k.pk} sk=${k.sk}`);
  }
  return lines.join('\n');
};

const main = async () => {
  const args = options();
  const local = localConfig();
  // Without a region (and none in the environment), the table of `npm start`.
  const endpoint = args.endpoint ?? (args.region || process.env.AWS_REGION ? undefined : `http://localhost:${local.dynamoPort}`);
  if (args.region) process.env.AWS_REGION = args.region;
  if (endpoint) process.env.DYNAMODB_ENDPOINT = endpoint;
  const tableName = args.table ?? process.env.TABLE_NAME ?? local.tableName;
  const started = Date.now();
  let units = 0;
  const items = await readTable({
    client: dynamo(),
    tableName,
    readUnitsPerSecond: args.rate,
    consistent: args.consistent,
    onPage: (page) => {
      units += page.capacityUnits;
    },
  });
  const findings = checkTable(items);
  const summary = { table: tableName, items: items.length, readUnits: units, seconds: (Date.now() - started) / 1000 };
  if (args.json) console.log(JSON.stringify({ ...summary, findings }, null, 2));
  else console.log(`${tableName}: ${items.length} items read (${units} read units, ${summary.seconds}s)\n${describe(findings)}`);
  process.exit(findings.length === 0 ? 0 : 1);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
