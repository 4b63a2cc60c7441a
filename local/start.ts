/**
 * `npm start`: the whole product on one machine. DynamoDB Local (data kept under .data/), the table, a bootstrap
 * admin, a local SES with a web inbox, a local S3 for raw inbound mail, an inbound SMTP listener that feeds the inbound
 * handler, and the HTTP API on PORT. Ctrl-C or SIGTERM stops every child; nothing is left running.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBootstrapAdmin } from '#domain/staff';
import { startApi } from './api';
import { startDevIdentityProvider } from './identity-provider';
import { localConfig, PROJECT_ROOT } from './config';
import { claimDataDir, keptSecret } from './data-dir';
import { WEB_APPS } from './gateway';
import { startDynamoDbLocal } from './dynamodb';
import { ATTACHMENTS_BUCKET, INBOUND_BUCKET, INBOUND_PREFIX, startLocalS3 } from './s3';
import { startLocalSes } from './ses';
import { startSmtpListener, type RunningSmtp } from './smtp';
import { configureDevSingleSignOn, DEV_SSO } from './single-sign-on';

/** One line per step, so a first start (Java, a fresh table, the portal build) is never silent. */
const step = (what: string) => console.log(`  ... ${what}`);

/** The portal and the console are built by `npm install` (postinstall); build here whichever has no dist. */
const ensureWebAppsBuilt = () => {
  for (const app of WEB_APPS) {
    if (existsSync(join(app.dist, 'index.html'))) continue;
    step(`building the ${app.name} into ${app.name}/dist (once, ~10 s)`);
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', join(PROJECT_ROOT, app.name)], { stdio: 'inherit' });
  }
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
    console.log('Starting the service desk locally (the first start takes up to a minute; later ones a few seconds):');
    claimDataDir(config.dataDir);
    ensureWebAppsBuilt();
    step(`starting DynamoDB Local (Java) on port ${config.dynamoPort}, data in ${join(config.dataDir, 'dynamodb')}`);
    const dynamo = await startDynamoDbLocal({ port: config.dynamoPort, dataDir: join(config.dataDir, 'dynamodb') });
    services.push({ name: 'DynamoDB Local', stop: dynamo.stop });
    // Last resort: if this process dies without the handlers above, take java down with it.
    process.on('exit', () => dynamo.process.kill('SIGKILL'));

    step(`starting the local SES (port ${config.sesPort}) and S3 (port ${config.s3Port})`);
    const ses = await startLocalSes(config.sesPort);
    services.push({ name: 'local SES', stop: ses.stop });
    process.env.SES_ENDPOINT = ses.endpoint;
    process.env.MAIL_DOMAIN = config.mailDomain;
    process.env.SESSION_SECRET ??= keptSecret(config.dataDir, 'session-secret');

    const s3 = await startLocalS3({ port: config.s3Port, directory: join(config.dataDir, 's3'), buckets: [INBOUND_BUCKET, ATTACHMENTS_BUCKET] });
    services.push({ name: 'local S3', stop: s3.stop });
    process.env.S3_ENDPOINT = s3.endpoint;
    process.env.INBOUND_BUCKET = INBOUND_BUCKET;
    process.env.INBOUND_PREFIX = INBOUND_PREFIX;
    process.env.ATTACHMENTS_BUCKET = ATTACHMENTS_BUCKET;

    process.env.PORTAL_URL ??= `http://localhost:${config.apiPort}/portal`;
    process.env.LOCAL_SECRETS_DIR ??= join(config.dataDir, 'secrets');
    step(`starting the development identity provider on port ${config.idpPort} (single sign-on for @${DEV_SSO.domain})`);
    const idp = await startDevIdentityProvider({
      port: config.idpPort,
      clients: [{ clientId: DEV_SSO.clientId, clientSecret: keptSecret(config.dataDir, 'sso-client-secret'), redirectUris: [`${process.env.PORTAL_URL}/sso/callback`] }],
      users: [DEV_SSO.user],
    });
    services.push({ name: 'identity provider', stop: idp.stop });
    const token = config.bootstrapAdminToken || keptSecret(config.dataDir, 'bootstrap-admin-token');
    let admin: { accountId: string } | undefined;
    let smtp: RunningSmtp | undefined;
    step(`creating the table "${config.tableName}" if missing, the bootstrap admin, the inbound SMTP listener; then the HTTP API on port ${config.apiPort}`);
    // The port answers only once the table, the admin and SMTP are ready: a first call never meets a half-started stack.
    const api = await startApi({
      port: config.apiPort,
      host: '0.0.0.0',
      tableName: config.tableName,
      dynamoEndpoint: dynamo.endpoint,
      beforeListen: async () => {
        admin = await ensureBootstrapAdmin(config.bootstrapAdminEmail, token);
        await configureDevSingleSignOn(idp.issuer, keptSecret(config.dataDir, 'sso-client-secret'));
        smtp = await startSmtpListener({ port: config.smtpPort, host: '0.0.0.0', mailDomain: config.mailDomain, bucket: INBOUND_BUCKET, prefix: INBOUND_PREFIX });
        services.push({ name: 'inbound SMTP', stop: smtp.stop });
      },
    });
    services.push({ name: 'HTTP API', stop: api.close });
    if (!admin || !smtp) throw new Error('the API started before the bootstrap admin and SMTP were ready');
    const basic = Buffer.from(`${config.bootstrapAdminEmail}:${token}`).toString('base64');

    console.log(`
Service desk API running locally
  HTTP API         ${api.url}   (OpenAPI: ${api.url}/rest/openapi.json)
  Customer portal  ${api.url}/portal/   (invitation mails link here)
  Staff console    ${api.url}/console/   (staff sign in with email and password)
  DynamoDB Local   ${dynamo.endpoint}   table "${config.tableName}", data in ${config.dataDir}
  Local SES inbox  ${ses.endpoint.replace('127.0.0.1', 'localhost')}/   (sent mail as JSON: ${ses.endpoint.replace('127.0.0.1', 'localhost')}/store)
  Local S3         ${s3.endpoint.replace('127.0.0.1', 'localhost')}   (raw inbound mail: bucket "${INBOUND_BUCKET}", prefix "${INBOUND_PREFIX}"; attachments: bucket "${ATTACHMENTS_BUCKET}"; files in ${join(config.dataDir, 's3')})
  Inbound SMTP     localhost:${smtp.port}   (desk HELP receives at help@${config.mailDomain})
  Identity provider ${idp.issuer}   (single sign-on for @${DEV_SSO.domain}: ${DEV_SSO.user.email} / ${DEV_SSO.user.password})
  Portal links     ${process.env.PORTAL_URL}   (mail domain ${config.mailDomain})
  Bootstrap admin  ${config.bootstrapAdminEmail}  (accountId ${admin.accountId})
  API token        ${token}   (${config.bootstrapAdminToken ? 'from BOOTSTRAP_ADMIN_TOKEN' : `kept in ${join(config.dataDir, 'bootstrap-admin-token')} across restarts`})

Try:
  curl -H 'Authorization: Basic ${basic}' '${api.url}/rest/admin/1/customer'

Ready. Ctrl-C stops everything.`);
  } catch (error) {
    console.error('npm start failed:', (error as Error).message);
    await stopAll(1);
  }
};

void main();
