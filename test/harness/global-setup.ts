/** One DynamoDB Local for the whole run (starting Java per file costs seconds); each test file makes its own table. */
import { startDynamoDbLocal, type RunningDynamo } from '../../local/dynamodb';
import { startLocalSes, type RunningSes } from '../../local/ses';
import { freePort } from './free-port';

declare global {
  var __DYNAMO__: RunningDynamo | undefined;
  var __SES__: RunningSes | undefined;
}

export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  globalThis.__DYNAMO__ = dynamo;
  // Workers are started after this and inherit the environment.
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  const ses = await startLocalSes(0);
  globalThis.__SES__ = ses;
  process.env.TEST_SES_ENDPOINT = ses.endpoint;
  // Tests inject faults on purpose; the handlers' error logs would only bury the test report.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.on('exit', () => dynamo.process.kill('SIGKILL'));
}
