/**
 * `npm run bench:load`: the load run alone (the same as the last part of `npm run bench`), for working on the
 * request path: prints each point and the load budgets, writes nothing, exits 1 when a load budget fails.
 */
import './environment';
import { startDynamoDbLocal } from '#local/dynamodb';
import { freePort } from '#local/free-port';
import { startLocalSes } from '#local/ses';
import { loadBudgets, measureLoad } from './load';

const main = async (): Promise<number> => {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startLocalSes(await freePort());
  process.env.SES_ENDPOINT = ses.endpoint;
  try {
    const budgets = loadBudgets(await measureLoad(dynamo.endpoint));
    for (const b of budgets) console.log(`  ${b.pass ? 'pass' : 'FAIL'}  ${b.budget}: ${b.measured} (limit ${b.limit})`);
    return budgets.every((b) => b.pass) ? 0 : 1;
  } finally {
    await Promise.all([dynamo.stop(), ses.stop()]);
  }
};

main().then((code) => process.exit(code), (error: unknown) => {
  console.error('bench:load failed:', error);
  process.exit(2);
});
