/**
 * The cloud shape, pinned on the synthesized template: table keys and indexes, routes and what serves them,
 * runtime, throttling and access logs, least privilege, alarms. One synthesis for the file, bundling skipped
 * (test/harness/template.ts); needs neither AWS nor DynamoDB Local. Mail, the schedule and the session secret: infra-mail.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { FUNCTIONS, routeList } from '#routes/table';
import {
  actionsOfService,
  allPolicyActions,
  functions,
  logicalIdOf,
  namedFunctions,
  only,
  projectRoot,
  resources,
  roleOf,
  serviceOf,
  template,
  type Resource,
} from '#harness/template';

const tableFunctions = FUNCTIONS.filter((name) => name !== 'meta');
// Not behind the API: the scheduled cleanup and the inbound function SES invokes (infra-inbound.test.ts).
const apiFunctions = namedFunctions.filter(([, fn]) => !['cleanup', 'inbound-mail', 'mail-events'].includes(serviceOf(fn)));

/** Follows route -> integration -> Lambda, so a test can say which function and handler serves a route key. */
const servingFunction = (routeKey: string): Resource => {
  const route = Object.values(resources('AWS::ApiGatewayV2::Route')).find((r) => r.Properties.RouteKey === routeKey);
  if (!route) throw new Error(`no route ${routeKey}`);
  const target = route.Properties.Target['Fn::Join'][1] as [string, { Ref: string }];
  expect(target[0]).toBe('integrations/');
  const integration = resources('AWS::ApiGatewayV2::Integration')[target[1].Ref]!;
  expect(integration.Properties.IntegrationType).toBe('AWS_PROXY');
  expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
  return functions[logicalIdOf(integration.Properties.IntegrationUri)]!;
};

describe('the table', () => {
  const table = () => only(resources('AWS::DynamoDB::GlobalTable'));

  it('is keyed by string pk and sk', () => {
    expect(table().Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table().Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
    );
  });

  it('has the relations, lists and selections indexes, string keys, all attributes projected', () => {
    const indexes = table().Properties.GlobalSecondaryIndexes;
    const expected = [
      ['relations', 'relationPk', 'relationSk'],
      ['lists', 'listPk', 'listSk'],
      ['selections', 'selectionPk', 'selectionSk'],
    ];
    expect(indexes).toEqual(
      expected.map(([name, partition, sort]) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: partition, KeyType: 'HASH' },
          { AttributeName: sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    for (const attribute of expected.flatMap(([, partition, sort]) => [partition, sort])) {
      expect(table().Properties.AttributeDefinitions).toContainEqual({ AttributeName: attribute, AttributeType: 'S' });
    }
  });

  it('is on-demand, with point-in-time recovery, deletion protection and a TTL attribute', () => {
    const { Properties } = table();
    expect(Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(Properties.Replicas).toHaveLength(1);
    expect(Properties.Replicas[0]).toMatchObject({
      Region: 'eu-west-1',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('survives deleting the stack', () => {
    expect(table().DeletionPolicy).toBe('Retain');
  });
});

describe('the API', () => {
  it('is an HTTP API with a route for every entry of the route table, served by its function', () => {
    only(resources('AWS::ApiGatewayV2::Api'));
    const routes = routeList();
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const fn = servingFunction(`${route.method} ${route.path}`);
      expect({ key: `${route.method} ${route.path}`, service: serviceOf(fn), handler: fn.Properties.Handler }).toEqual({
        key: `${route.method} ${route.path}`,
        service: route.fn,
        handler: 'index.handler',
      });
    }
  });

  it('has no routes besides the table and $default', () => {
    const keys = Object.values(resources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey).sort();
    const expected = [...routeList().map((r) => `${r.method} ${r.path}`), '$default'].sort();
    expect(keys).toEqual(expected);
  });

  it('answers unknown paths through $default with the meta bundle\'s notFoundHandler', () => {
    const fn = servingFunction('$default');
    expect(serviceOf(fn)).toBe('meta');
    expect(fn.Properties.Handler).toBe('index.notFoundHandler');
  });

  it('lets API Gateway invoke each function only from this API', () => {
    const permissions = Object.values(resources('AWS::Lambda::Permission')).filter(
      (p) => !['events.amazonaws.com', 'ses.amazonaws.com', 'sns.amazonaws.com'].includes(p.Properties.Principal),
    );
    // One per route (scoped to its path) plus $default.
    expect(permissions).toHaveLength(routeList().length + 1);
    for (const permission of permissions) {
      expect(permission.Properties.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(permission.Properties.SourceArn)).toContain(
        JSON.stringify({ Ref: Object.keys(resources('AWS::ApiGatewayV2::Api'))[0] }),
      );
    }
  });

  it('throttles the default stage and writes JSON access logs to a log group with a retention', () => {
    const stage = only(resources('AWS::ApiGatewayV2::Stage'));
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const { DestinationArn, Format } = stage.Properties.AccessLogSettings;
    const logGroup = resources('AWS::Logs::LogGroup')[logicalIdOf(DestinationArn)];
    expect(logGroup?.Properties.RetentionInDays).toBe(30);
    const fields = JSON.parse(Format);
    expect(fields).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      integrationError: '$context.integrationErrorMessage',
    });
  });

  it('outputs its URL', () => {
    template.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });
});

describe('the functions', () => {
  it('are the route table\'s functions, the 404 handler, the scheduled cleanup and the inbound mail function', () => {
    const services = Object.values(functions).map(serviceOf).sort();
    expect(services).toEqual([...FUNCTIONS, 'meta', 'cleanup', 'inbound-mail', 'mail-events'].sort());
  });

  it.each(apiFunctions)('%s runs on Node.js 24 on arm64, 512 MB, 10 s, with source maps', (_, fn) => {
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 10,
    });
    expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it.each(namedFunctions)('%s logs to its own log group kept one month', (_, fn) => {
    const logGroup = resources('AWS::Logs::LogGroup')[logicalIdOf(fn.Properties.LoggingConfig.LogGroup)];
    expect(logGroup?.Properties.RetentionInDays).toBe(30);
  });

  it('gives the table name only to the functions that use the table', () => {
    const withTable = Object.values(functions)
      .filter((fn) => fn.Properties.Environment.Variables.TABLE_NAME !== undefined)
      .map(serviceOf)
      .sort();
    expect(withTable).toEqual([...tableFunctions, 'cleanup', 'inbound-mail', 'mail-events'].sort());
    expect(withTable).not.toContain('meta');
    const table = Object.keys(resources('AWS::DynamoDB::GlobalTable'))[0];
    for (const fn of Object.values(functions).filter((f) => serviceOf(f) !== 'meta')) {
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: table });
    }
  });
});

describe('least privilege', () => {
  it('no IAM statement allows a wildcard action', () => {
    const actions = allPolicyActions().flatMap((p) => p.actions);
    expect(actions.length).toBeGreaterThan(0);
    const wildcards = actions.filter((a) => typeof a !== 'string' || a === '*' || a.endsWith(':*'));
    expect(wildcards).toEqual([]);
  });

  it('the meta functions\' roles carry no DynamoDB permission', () => {
    const metaRoles = Object.values(functions).filter((fn) => serviceOf(fn) === 'meta').map((fn) => logicalIdOf(fn.Properties.Role));
    expect(metaRoles).toHaveLength(2);
    const dynamoOnMeta = allPolicyActions()
      .filter((p) => p.roles.some((role) => metaRoles.includes(role)))
      .flatMap((p) => p.actions)
      .filter((a) => a.toLowerCase().startsWith('dynamodb:'));
    expect(dynamoOnMeta).toEqual([]);
  });

  it.each(tableFunctions)('%s may read and write items, but never scan nor administer the table', (service) => {
    const actions = actionsOfService(service).filter((a) => a.startsWith('dynamodb:'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']));
    const itemActions = ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'BatchGetItem', 'BatchWriteItem'];
    expect(actions.filter((a) => !itemActions.map((i) => `dynamodb:${i}`).includes(a))).toEqual([]);
  });

  it.each(tableFunctions)('%s is granted every action the store\'s commands need', (service) => {
    const storeDir = path.join(projectRoot, 'shared/store');
    const source = readdirSync(storeDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(storeDir, f), 'utf8'))
      // DynamoDB's commands only: leave out modules of other AWS clients (the session secret's, Secrets Manager).
      .filter((text) => !/from '@aws-sdk\/client-(?!dynamodb')/.test(text))
      .join('\n');
    const transactItems = [...source.matchAll(/\b(Put|Update|Delete|ConditionCheck):\s*\{/g)].map((m) => m[1]!);
    const itemAction = (kind: string) => (kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`);
    const needs: Record<string, string[]> = {
      Get: ['GetItem'], Put: ['PutItem'], Update: ['UpdateItem'], Delete: ['DeleteItem'], Query: ['Query'],
      BatchGet: ['BatchGetItem'], BatchWrite: ['BatchWriteItem'], TransactGet: ['GetItem'],
      TransactWrite: transactItems.map(itemAction),
    };
    const commands = [...new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]!))];
    expect(commands).toContain('Get');
    const unmapped = commands.filter((c) => !(c in needs));
    expect(unmapped).toEqual([]); // a new kind of command: decide its IAM action here and in infra
    const required = [...new Set(commands.flatMap((c) => needs[c]!))].map((a) => `dynamodb:${a}`);
    expect(actionsOfService(service)).toEqual(expect.arrayContaining(required));
  });

  it.each(tableFunctions)('%s is granted the table and its indexes only', (service) => {
    const role = roleOf(service);
    const table = Object.keys(resources('AWS::DynamoDB::GlobalTable'))[0]!;
    const policies = Object.values(resources('AWS::IAM::Policy')).filter((p) => p.Properties.Roles.some((r: any) => r.Ref === role));
    const statements = policies
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((st: any) => [st.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Resource).toEqual([
        { 'Fn::GetAtt': [table, 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, '/index/*']] },
      ]);
    }
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(resources('AWS::CloudWatch::Alarm'));

  it('one Lambda Errors alarm per function, notifying the alarm topic', () => {
    const topic = Object.entries(resources('AWS::SNS::Topic')).find(([, t]) => t.Properties.DisplayName === 'Service desk alarms')?.[0];
    const errorAlarms = alarms().filter((a) => a.Properties.Namespace === 'AWS/Lambda' && a.Properties.MetricName === 'Errors');
    const watched = errorAlarms.map((a) => a.Properties.Dimensions[0].Value.Ref).sort();
    expect(watched).toEqual(Object.keys(functions).sort());
    for (const alarm of errorAlarms) {
      expect(alarm.Properties).toMatchObject({ Threshold: 1, AlarmActions: [{ Ref: topic }] });
    }
  });

  it('DynamoDB throttling of the table alarms, gaps filled with 0 (the metric exists only when something was throttled)', () => {
    const table = Object.keys(resources('AWS::DynamoDB::GlobalTable'))[0];
    const throttles = alarms().filter((a) =>
      (a.Properties.Metrics ?? []).some((m: any) => m.MetricStat?.Metric.MetricName === 'ThrottledRequests'),
    );
    expect(throttles).toHaveLength(1);
    const metrics = throttles[0]!.Properties.Metrics.filter((m: any) => m.MetricStat);
    expect(metrics.length).toBeLessThanOrEqual(10);
    const operations = metrics.map((m: any) => {
      expect(m.MetricStat.Metric.Namespace).toBe('AWS/DynamoDB');
      expect(m.MetricStat.Metric.Dimensions).toContainEqual({ Name: 'TableName', Value: { Ref: table } });
      return m.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value;
    });
    expect(operations).toEqual(expect.arrayContaining(['GetItem', 'Query', 'UpdateItem', 'TransactWriteItems']));
    const expression = throttles[0]!.Properties.Metrics.find((m: any) => m.Expression).Expression as string;
    expect(expression.split(' + ')).toEqual(metrics.map((m: any) => `FILL(${m.Id}, 0)`));
  });

  it('API 5xx answers alarm', () => {
    expect(alarms().some((a) => a.Properties.Namespace === 'AWS/ApiGateway' && a.Properties.MetricName === '5xx')).toBe(true);
  });
});
