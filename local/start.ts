/**
 * `npm start`: the whole product on one machine. DynamoDB Local (data kept under .data/), the table, a bootstrap
 * admin, a local SES with a web inbox, and the HTTP API on PORT. Ctrl-C or SIGTERM stops every child; nothing is
 * left running. Later services (S3, SMTP) are added to `services` the same way.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBootstrapAdmin } from '#domain/staff';
import { newSecret } from '#domain/secrets';
import { startApi } from './api';
import { localConfig } from './config';
import { startDynamoDbLocal } from './dynamodb';
import { startLocalSes } from './ses';

/** The portal session secret, kept in the data folder so sessions survive a restart. */
const sessionSecretIn = (dataDir: string): string => {
  const file = join(dataDir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, newSecret(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
};

interface Service {
  name: string;
  stop(): Promise<void>;
}

const main = async () => {
  const config = localConfig();
  const services: Service[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const service of [...services].reverse()) {
      await service.stop().catch((error: unknown) => console.error(`stopping ${service.name}:`, error));
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGHUP', () => void stopAll(0));
  // npm does not pass SIGTERM through its shell to us: when our parent goes away, so do we.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stopAll(0);
  }, 500).unref();

  try {
    const dynamo = await startDynamoDbLocal({ port: config.dynamoPort, dataDir: join(config.dataDir, 'dynamodb') });
    services.push({ name: 'DynamoDB Local', stop: dynamo.stop });
    // Last resort: if this process dies without the handlers above, take java down with it.
    process.on('exit', () => dynamo.process.kill('SIGKILL'));

    const ses = await startLocalSes(config.sesPort);
    services.push({ name: 'local SES', stop: ses.stop });
    process.env.SES_ENDPOINT = ses.endpoint;
    process.env.MAIL_DOMAIN = config.mailDomain;
    process.env.SESSION_SECRET ??= sessionSecretIn(config.dataDir);

    process.env.PORTAL_URL ??= `http://localhost:${config.apiPort}/portal`;
    const api = await startApi({ port: config.apiPort, host: '0.0.0.0', tableName: config.tableName, dynamoEndpoint: dynamo.endpoint });
    services.push({ name: 'HTTP API', stop: api.close });

    const token = config.bootstrapAdminToken || newSecret();
    const admin = await ensureBootstrapAdmin(config.bootstrapAdminEmail, token);
    const basic = Buffer.from(`${config.bootstrapAdminEmail}:${token}`).toString('base64');

    console.log(`
Service desk API running locally
  HTTP API         ${api.url}   (OpenAPI: ${api.url}/rest/openapi.json)
  DynamoDB Local   ${dynamo.endpoint}   table "${config.tableName}", data in ${config.dataDir}
  Local SES inbox  ${ses.endpoint.replace('127.0.0.1', 'localhost')}/   (sent mail as JSON: ${ses.endpoint.replace('127.0.0.1', 'localhost')}/store)
  Portal links     ${process.env.PORTAL_URL}   (mail domain ${config.mailDomain})
  Bootstrap admin  ${config.bootstrapAdminEmail}  (accountId ${admin.accountId})
  API token        ${token}${config.bootstrapAdminToken ? '' : '   (random: set BOOTSTRAP_ADMIN_TOKEN to keep one)'}

Try:
  curl -H 'Authorization: Basic ${basic}' '${api.url}/rest/admin/1/customer'

Ctrl-C stops everything.`);
  } catch (error) {
    console.error('npm start failed:', (error as Error).message);
    await stopAll(1);
  }
};

void main();
