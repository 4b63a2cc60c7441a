/**
 * `npm run cleanup [-- --now <ISO time>] [-- --dry-run]`: the invitation cleanup, run once by the same Lambda handler
 * the daily schedule invokes in AWS. Starts nothing: it uses the DynamoDB Local and the local SES of a running
 * `npm start` (DYNAMODB_PORT, TABLE_NAME, SES_ENDPOINT). `--now` runs it as of another time (say, 8 days ahead, to
 * see invitations expire); `--dry-run` reports what it would do and changes nothing.
 */
import { parseArgs } from 'node:util';
import type { Context } from 'aws-lambda';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { localConfig } from './config';
import { localDynamoClient } from './dynamodb';

const LOCAL_TIME_LIMIT_MS = 3_600_000;
const USAGE = 'usage: npm run cleanup [-- --now <ISO time>] [-- --dry-run]';

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { now: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) {
    console.error(`--now must be an ISO time such as 2030-01-31T09:00:00Z, got "${values.now}"\n${USAGE}`);
    return 2;
  }

  const config = localConfig();
  const dynamoEndpoint = `http://127.0.0.1:${config.dynamoPort}`;
  // The handler reads its configuration from the environment, as in Lambda; set it before loading the handler.
  process.env.TABLE_NAME = config.tableName;
  process.env.DYNAMODB_ENDPOINT = dynamoEndpoint;
  process.env.AWS_REGION ??= 'local';
  process.env.SES_ENDPOINT ??= `http://127.0.0.1:${config.sesPort}`;
  process.env.MAIL_DOMAIN = config.mailDomain;
  process.env.PORTAL_URL ??= `http://localhost:${config.apiPort}/portal`;
  process.env.POWERTOOLS_SERVICE_NAME ??= 'cleanup';

  const client = localDynamoClient(dynamoEndpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: config.tableName }));
  } catch (error) {
    console.error(`No table "${config.tableName}" at ${dynamoEndpoint} (${(error as Error).name}): is \`npm start\` running?`);
    return 1;
  } finally {
    client.destroy();
  }

  const { handler } = await import('../functions/cleanup');
  const started = Date.now();
  const context = {
    functionName: 'cleanup',
    awsRequestId: `local-${started}`,
    // Lambda gives the cleanup 5 minutes; locally an hour, far more than any local data set needs.
    getRemainingTimeInMillis: () => started + LOCAL_TIME_LIMIT_MS - Date.now(),
  } as unknown as Context;
  const event = {
    version: '0',
    id: `local-${started}`,
    'detail-type': 'Scheduled Event' as const,
    source: 'local.cleanup',
    account: 'local',
    time: now.toISOString(),
    region: 'local',
    resources: [],
    detail: { dryRun: values['dry-run'] },
  };
  try {
    const report = await handler(event, context);
    console.log(`\n${report.dryRun ? 'Dry run (nothing changed)' : 'Cleanup'} as of ${report.asOf}: ${report.expired} expired, ` +
      `${report.accountsRemoved} placeholder accounts removed, ${report.accountsKept.total} kept, ${report.remindersSent} reminders, ` +
      `${report.skippedAccepted} accepted meanwhile, ${report.errors} errors${report.complete ? '' : ' (stopped early: run again)'}.`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
};

main().then((code) => process.exit(code));
