/**
 * The service desk stack, read top to bottom like the architecture diagram: the table, mail and the portal's session
 * secret; the functions and what each may touch; the API in front; the schedule; the alarms.
 */
import { Aws, CfnOutput, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ORIGIN_VERIFY_ENV } from '#routes/origin-verify';
import { FUNCTIONS, routeList, type FunctionName } from '#routes/table';
import { Alarms } from './constructs/alarms';
import { Api } from './constructs/api';
import { Attachments, TEMPORARY_PREFIX, type AttachmentAccess } from './constructs/attachments';
import { Dashboard } from './constructs/dashboard';
import { CLEANUP_TABLE_ACTIONS, Data } from './constructs/data';
import { InboundMail } from './constructs/inbound-mail';
import { Mail } from './constructs/mail';
import { Schedules } from './constructs/schedules';
import { ServiceFunction } from './constructs/service-function';
import { SingleSignOn, type SamlProvider } from './constructs/single-sign-on';
import { acknowledge } from './nag';

export interface ServiceDeskStackProps extends StackProps {
  /** Repository root, where functions/, tsconfig.json and package-lock.json live. */
  readonly projectRoot: string;
}

type TableAccess = 'items' | 'none';

/**
 * What each function may do with the table; meta serves public facts and the 404, so it touches nothing.
 * Checked at synth for every function of the route table, so a new function cannot deploy until someone decides.
 */
const TABLE_ACCESS: Readonly<Record<string, TableAccess>> = {
  meta: 'none',
  directory: 'items',
  staff: 'items',
  desks: 'items',
  organizations: 'items',
  invitations: 'items',
  portal: 'items',
  requests: 'items',
  conversation: 'items',
  attachments: 'items',
  mail: 'items',
  identity: 'items',
  sso: 'items',
};

/**
 * What the functions with attachment routes do with the attachment objects (infra/constructs/attachments.ts):
 * `attachments` uploads to temporary/ and presigns reads of every file and POSTs to temporary/ (a presigned request
 * carries the signer's rights); `conversation` copies temporary files to requests/ when attaching them.
 */
const ATTACHMENT_ACCESS: Partial<Record<FunctionName, AttachmentAccess>> = {
  attachments: { actions: ['s3:GetObject', 's3:PutObject'], prefixes: ['temporary/', 'requests/', 'mail/'] },
  conversation: { actions: ['s3:GetObject', 's3:PutObject'], prefixes: [TEMPORARY_PREFIX, 'requests/'] },
};

/**
 * API functions that send mail (invitations, password resets, new requests' confirmations, also of a request accepted
 * from the mail log, request notifications, staff set-password links): SES SendRawEmail, the mail settings, the portal URL.
 */
const MAIL_SENDERS: ReadonlySet<FunctionName> = new Set(['invitations', 'portal', 'conversation', 'requests', 'mail', 'staff']);

/**
 * Functions that read the portal session secret: the one that issues sessions (sign-in, accepting an invitation)
 * and every function with an authenticated route, which must tell a customer's valid session (403 on a staff
 * route) from a forged one (401).
 */
const SESSION_ISSUERS: readonly FunctionName[] = ['portal', 'sso', 'staff'];
const sessionReaders = (): ReadonlySet<FunctionName> => new Set([...SESSION_ISSUERS, ...routeList().filter((r) => r.role !== 'public').map((r) => r.fn)]);

const tableAccessOf = (name: FunctionName): TableAccess => {
  const access = TABLE_ACCESS[name];
  if (!access) throw new Error(`infra/stack.ts: decide the table access of function "${name}" in TABLE_ACCESS`);
  return access;
};

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

const requiredContext = (scope: Construct, key: string): string => {
  const value: unknown = scope.node.tryGetContext(key);
  if (typeof value !== 'string' || value === '') throw new Error(`cdk.json context "${key}" must be set`);
  return value;
};

const optionalContext = (scope: Construct, key: string): string | undefined => {
  const value: unknown = scope.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Context `samlProviders`: a JSON list of `{name, metadataUrl}` (README: single sign-on), federated by the Cognito pool. */
const samlProvidersOf = (scope: Construct): SamlProvider[] => {
  const raw: unknown = scope.node.tryGetContext('samlProviders');
  const list: unknown = typeof raw === 'string' ? JSON.parse(raw) : (raw ?? []);
  if (!Array.isArray(list) || !list.every((p) => typeof p?.name === 'string' && typeof p?.metadataUrl === 'string' && p.metadataUrl.startsWith('https://'))) {
    throw new Error('cdk.json context "samlProviders" must be a list of {"name": ..., "metadataUrl": "https://..."}');
  }
  return list as SamlProvider[];
};

export class ServiceDeskStack extends Stack {
  /** The HTTP API's domain, for the portal's CloudFront origin (infra/portal-stack.ts). */
  readonly apiDomain: string;
  /**
   * What CloudFront must send in x-origin-verify for the API to answer (shared/routes/origin-verify.ts): the stack's
   * own UUID, unique to this deployment and known only inside the account.
   */
  readonly originVerify: string;
  /** The attachments bucket's origin, for the portal's Content-Security-Policy (infra/portal-stack.ts). */
  readonly filesOrigin: string;

  constructor(scope: Construct, id: string, props: ServiceDeskStackProps) {
    super(scope, id, props);
    const { projectRoot } = props;
    const portalUrl = requiredContext(this, 'portalUrl');
    this.originVerify = Fn.select(2, Fn.split('/', Aws.STACK_ID));

    const data = new Data(this, 'Data');
    const attachments = new Attachments(this, 'Attachments', { portalUrl });
    this.filesOrigin = `https://${attachments.bucket.bucketRegionalDomainName}`;
    const mail = new Mail(this, 'Mail', { mailDomain: requiredContext(this, 'mailDomain') });
    const sessionSecret = new Secret(this, 'SessionSecret', {
      description: 'Signs portal sessions (HS256); rotating it signs every customer out',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    acknowledge(sessionSecret, 'SMG4', 'Rotating the session secret signs every customer out; it is rotated by hand after an incident (docs/operations.md), not on a schedule');
    const readsSessions = sessionReaders();
    const sso = new SingleSignOn(this, 'SingleSignOn', {
      redirectUri: `${portalUrl}/sso/callback`,
      samlProviders: samlProvidersOf(this),
      domainPrefix: optionalContext(this, 'ssoDomainPrefix'),
    });

    const functions = {} as Record<FunctionName, ServiceFunction>;
    for (const name of FUNCTIONS) {
      const touchesTable = tableAccessOf(name) === 'items';
      const sendsMail = MAIL_SENDERS.has(name);
      const fn = new ServiceFunction(this, `${pascal(name)}Function`, {
        name,
        projectRoot,
        environment: {
          ...(touchesTable ? { TABLE_NAME: data.table.tableName } : {}),
          ...(sendsMail ? { ...mail.senderEnvironment, PORTAL_URL: portalUrl } : {}),
          ...(readsSessions.has(name) ? { SESSION_SECRET_ARN: sessionSecret.secretArn } : {}),
          ...(ATTACHMENT_ACCESS[name] ? attachments.environment : {}),
          ...(name === 'sso' || name === 'identity' ? { IDP_SECRET_PREFIX: sso.secretPrefix, PORTAL_URL: portalUrl } : {}),
          [ORIGIN_VERIFY_ENV]: this.originVerify,
        },
        readsSecrets: readsSessions.has(name),
      });
      if (touchesTable) data.grantItemAccess(fn);
      if (sendsMail) mail.grantSendRawEmail(fn);
      if (readsSessions.has(name)) sessionSecret.grantRead(fn);
      const files = ATTACHMENT_ACCESS[name];
      if (files) attachments.grant(fn, files);
      if (name === 'identity') sso.grantProviderSecrets(fn, 'write');
      if (name === 'sso') sso.grantProviderSecrets(fn, 'read');
      functions[name] = fn;
    }
    // A Lambda has one handler, so meta's 404 export is a function of its own (same bundle, no grants).
    const notFound = new ServiceFunction(this, 'NotFoundFunction', { name: 'meta', projectRoot, handler: 'notFoundHandler' });

    const api = new Api(this, 'Api', { functions, notFound });

    // The cleanup stops itself ~10 s before this timeout and the next day's run goes on.
    const cleanup = new ServiceFunction(this, 'CleanupFunction', {
      name: 'cleanup',
      projectRoot,
      timeout: Duration.minutes(5),
      environment: { TABLE_NAME: data.table.tableName, ...mail.senderEnvironment, PORTAL_URL: portalUrl },
    });
    data.grantItemAccess(cleanup, CLEANUP_TABLE_ACTIONS);
    mail.grantSendRawEmail(cleanup);
    new Schedules(this, 'Schedules', { cleanup });

    // SES -> S3 (raw message) -> the inbound function, asynchronously; its failures land in a queue.
    const inbound = new ServiceFunction(this, 'InboundMailFunction', {
      name: 'inbound-mail',
      projectRoot,
      timeout: Duration.minutes(1),
      environment: { TABLE_NAME: data.table.tableName, ...mail.senderEnvironment, PORTAL_URL: portalUrl, ...attachments.environment },
    });
    data.grantItemAccess(inbound);
    attachments.grant(inbound, { actions: ['s3:PutObject'], prefixes: ['mail/'] }); // the files of accepted messages
    mail.grantSendRawEmail(inbound); // acknowledgements
    const inboundMail = new InboundMail(this, 'InboundMail', {
      mailDomain: mail.mailDomain,
      handler: inbound,
      existingRuleSetName: optionalContext(this, 'existingReceiptRuleSet'),
    });

    // SES bounces and complaints (the configuration set's topic) mark the invitation whose mail they are about.
    const mailEvents = new ServiceFunction(this, 'MailEventsFunction', {
      name: 'mail-events',
      projectRoot,
      environment: { TABLE_NAME: data.table.tableName },
    });
    data.grantItemAccess(mailEvents);
    mail.deliveryEvents.addSubscription(new LambdaSubscription(mailEvents));

    const watched = { ...functions, notFound, cleanup, inboundMail: inbound, mailEvents };
    new Alarms(this, 'Alarms', {
      functions: watched,
      table: data.table,
      stage: api.stage,
      deadLetterQueues: { inboundMail: inboundMail.failures },
      alarmEmail: optionalContext(this, 'alarmEmail'),
    });
    new Dashboard(this, 'Dashboard', { functions: watched, table: data.table, stage: api.stage });

    this.apiDomain = `${api.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'The HTTP API itself: it answers only through the portal distribution (PortalStack PortalUrl, /rest/*)' });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'ReceiptRuleSetName', {
      value: inboundMail.ruleSet.receiptRuleSetName,
      description: 'Without existingReceiptRuleSet, activate once: aws ses set-active-receipt-rule-set --rule-set-name <this> (replaces the active set)',
    });
    new CfnOutput(this, 'InboundMailBucket', { value: inboundMail.bucket.bucketName });
    new CfnOutput(this, 'AttachmentsBucket', { value: attachments.bucket.bucketName });
    new CfnOutput(this, 'MailIdentity', { value: mail.identity.emailIdentityName, description: 'Verify this domain in SES (DKIM records)' });
  }
}
