/**
 * The cloud shape of mail, the daily cleanup and the portal's session secret, pinned on the synthesized template:
 * the SES identity and configuration set from context, who may send, the schedule and its target, the cleanup
 * function's narrow grants, and who may read the secret.
 */
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { routeList } from '#routes/table';
import {
  MAIL_DOMAIN,
  PORTAL_URL,
  actionsOf,
  actionsOfService,
  allPolicyActions,
  functionOf,
  functions,
  logicalIdOf,
  only,
  resources,
  roleOf,
  serviceOf,
  statementsOfService,
} from '#harness/template';
import { CLEANUP_TABLE_ACTIONS } from '../infra/constructs/data';

const identityId = () => Object.keys(resources('AWS::SES::EmailIdentity'))[0]!;
const configurationSetId = () => Object.keys(resources('AWS::SES::ConfigurationSet'))[0]!;
const tableId = () => Object.keys(resources('AWS::DynamoDB::GlobalTable'))[0]!;
const services = () => [...new Set(Object.values(functions).map(serviceOf))];
// The inbound function acknowledges new requests; requests confirms new ones, and mail those accepted on review;
// staff mails new staff members their set-password link.
const MAIL_SENDERS = ['invitations', 'portal', 'conversation', 'requests', 'mail', 'staff', 'cleanup', 'inbound-mail'];

describe('mail (SES)', () => {
  it('has a DKIM-signed domain identity for the mailDomain context, sending through the configuration set', () => {
    const identity = only(resources('AWS::SES::EmailIdentity'));
    expect(identity.Properties).toEqual({
      EmailIdentity: MAIL_DOMAIN,
      DkimAttributes: { SigningEnabled: true },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId() } },
    });
  });

  it('has a configuration set with reputation metrics that suppresses addresses that bounce or complain', () => {
    expect(only(resources('AWS::SES::ConfigurationSet')).Properties).toMatchObject({
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it.each(MAIL_SENDERS)('%s may send raw mail from that identity through that configuration set, and nothing else in SES', (service) => {
    const ses = statementsOfService(service).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!)).toEqual(['ses:SendRawEmail']);
    const resourcesText = JSON.stringify(ses[0]!.Resource);
    expect(ses[0]!.Resource).toHaveLength(2);
    expect(resourcesText).toContain(`":identity/",{"Ref":"${identityId()}"}`);
    expect(resourcesText).toContain(`":configuration-set/",{"Ref":"${configurationSetId()}"}`);
    expect(functionOf(service)[1].Properties.Environment.Variables).toMatchObject({
      MAIL_DOMAIN,
      SES_CONFIGURATION_SET: { Ref: configurationSetId() },
      PORTAL_URL,
    });
  });

  it('every function whose code can send mail is one of them: its bundle holds the SendRawEmail call', async () => {
    const root = join(__dirname, '..');
    const sending: string[] = [];
    for (const file of readdirSync(join(root, 'functions')).filter((f) => f.endsWith('.ts'))) {
      const result = await build({
        absWorkingDir: root, entryPoints: [`functions/${file}`], bundle: true, write: false, platform: 'node', format: 'esm',
        packages: 'external', tsconfig: 'tsconfig.json', logLevel: 'silent',
      });
      if (result.outputFiles.some((o) => /["']SendRawEmail["']/.test(o.text))) sending.push(file.replace(/\.ts$/, ''));
    }
    expect(sending.sort()).toEqual([...MAIL_SENDERS].sort());
  });

  it('no other function may send mail', () => {
    const senderRoles = MAIL_SENDERS.map(roleOf);
    const others = allPolicyActions().filter((p) => !p.roles.some((r) => senderRoles.includes(r)));
    expect(others.flatMap((p) => p.actions).filter((a) => a.startsWith('ses:'))).toEqual([]);
  });

  it('alarms when the SES bounce rate passes 2 % or the complaint rate 0.1 %', () => {
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm')).filter((a) => a.Properties.Namespace === 'AWS/SES');
    const limits = Object.fromEntries(alarms.map((a) => [a.Properties.MetricName, [a.Properties.ComparisonOperator, a.Properties.Threshold]]));
    expect(limits).toEqual({
      'Reputation.BounceRate': ['GreaterThanThreshold', 0.02],
      'Reputation.ComplaintRate': ['GreaterThanThreshold', 0.001],
    });
  });
});

describe('the daily cleanup', () => {
  const [cleanupId, cleanup] = functionOf('cleanup');

  it('is run daily at 03:15 UTC by an EventBridge rule, retried twice', () => {
    const rule = only(resources('AWS::Events::Rule'));
    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'cron(15 3 * * ? *)', State: 'ENABLED' });
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': [cleanupId, 'Arn'] }, RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 2 }) }),
    ]);
  });

  it('may be invoked by that rule only, and by no API route', () => {
    const permissions = Object.values(resources('AWS::Lambda::Permission')).filter((p) => logicalIdOf(p.Properties.FunctionName) === cleanupId);
    expect(permissions.map((p) => [p.Properties.Principal, logicalIdOf(p.Properties.SourceArn)])).toEqual([
      ['events.amazonaws.com', Object.keys(resources('AWS::Events::Rule'))[0]],
    ]);
    expect(routeList().map((r) => r.fn)).not.toContain('cleanup');
  });

  it('runs up to 5 minutes on Node.js 24, arm64, with the table, mail and portal settings and no session secret', () => {
    expect(cleanup.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 300, Handler: 'index.handler' });
    const env = cleanup.Properties.Environment.Variables;
    expect(env).toMatchObject({ TABLE_NAME: { Ref: tableId() }, MAIL_DOMAIN, PORTAL_URL, POWERTOOLS_SERVICE_NAME: 'cleanup' });
    expect(env.SESSION_SECRET_ARN).toBeUndefined();
  });

  it('may only get, query, put, update and delete table items and send raw mail: no Scan, no batch, no wildcard', () => {
    const actions = actionsOfService('cleanup');
    expect([...actions].sort()).toEqual([...CLEANUP_TABLE_ACTIONS, 'ses:SendRawEmail'].sort());
    expect(actions.filter((a) => /scan|\*/i.test(a))).toEqual([]);
    const dynamo = statementsOfService('cleanup').filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.map((s) => s.Resource)).toEqual([
      [{ 'Fn::GetAtt': [tableId(), 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId(), 'Arn'] }, '/index/*']] }],
    ]);
  });

  it('alarms when it fails', () => {
    const alarm = Object.values(resources('AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties.MetricName === 'Errors' && a.Properties.Dimensions?.[0]?.Value?.Ref === cleanupId,
    );
    expect(alarm?.Properties).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1 });
  });
});

describe('the portal session secret', () => {
  const secretId = () => Object.keys(resources('AWS::SecretsManager::Secret'))[0]!;
  const readers = () =>
    services().filter((service) =>
      statementsOfService(service).some((s) => actionsOf(s).includes('secretsmanager:GetSecretValue') && JSON.stringify(s.Resource) === JSON.stringify({ Ref: secretId() })),
    );

  it('is a generated Secrets Manager secret of 64 characters', () => {
    expect(only(resources('AWS::SecretsManager::Secret')).Properties.GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
  });

  it('is readable only by the functions that issue or verify sessions (any with an authenticated route), which get its ARN', () => {
    const authenticated = new Set(routeList().filter((r) => r.role !== 'public').map((r) => r.fn));
    expect(readers()).toContain('portal');
    // portal and sso issue sessions (sign-in, invitation acceptance, single sign-on); the others verify them.
    for (const service of readers()) expect(['portal', 'sso'].includes(service) || authenticated.has(service as never)).toBe(true);
    for (const service of ['cleanup', 'meta']) expect(readers()).not.toContain(service);
    const withArn = Object.values(functions).filter((fn) => fn.Properties.Environment.Variables.SESSION_SECRET_ARN !== undefined);
    expect(withArn.map(serviceOf).sort()).toEqual([...readers()].sort());
    for (const fn of withArn) expect(fn.Properties.Environment.Variables.SESSION_SECRET_ARN).toEqual({ Ref: secretId() });
    // They read it through the Parameters and Secrets extension layer, not a bundled SDK client.
    for (const fn of withArn) expect((fn.Properties as { Layers?: unknown[] }).Layers).toHaveLength(1);
    const withoutArn = Object.values(functions).filter((fn) => fn.Properties.Environment.Variables.SESSION_SECRET_ARN === undefined);
    for (const fn of withoutArn) expect((fn.Properties as { Layers?: unknown[] }).Layers).toBeUndefined();
  });

  it("no role may read any other secret, nor write one (but the identity function, on identity providers' secrets: test/infra-sso.test.ts)", () => {
    const identity = roleOf('identity');
    const secretActions = allPolicyActions().filter((p) => !p.roles.includes(identity)).flatMap((p) => p.actions).filter((a) => a.startsWith('secretsmanager:'));
    expect([...new Set(secretActions)].sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
  });
});
