/** One DynamoDB Local for the whole run (starting Java per file costs seconds); each test file makes its own table. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal, type RunningDynamo } from '../../local/dynamodb';
import { startLocalS3, type RunningS3 } from '../../local/s3';
import { startLocalSes, type RunningSes } from '../../local/ses';
import { freePort } from '../../local/free-port';

declare global {
  var __DYNAMO__: RunningDynamo | undefined;
  var __SES__: RunningSes | undefined;
  var __S3__: (RunningS3 & { directory: string }) | undefined;
}

export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  globalThis.__DYNAMO__ = dynamo;
  // Workers are started after this and inherit the environment.
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  const ses = await startLocalSes(0);
  globalThis.__SES__ = ses;
  process.env.TEST_SES_ENDPOINT = ses.endpoint;
  // One local S3 (bucket inbound-mail) for raw inbound messages; test files use distinct keys.
  const s3Directory = mkdtempSync(join(tmpdir(), 'test-s3-'));
  const s3 = await startLocalS3({ port: 0, directory: s3Directory });
  globalThis.__S3__ = { ...s3, directory: s3Directory };
  process.env.TEST_S3_ENDPOINT = s3.endpoint;
  // Tests inject faults on purpose; the handlers' error logs would only bury the test report.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.on('exit', () => dynamo.process.kill('SIGKILL'));
}
