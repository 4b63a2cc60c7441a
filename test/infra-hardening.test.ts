/**
 * Production hardening of both stacks, synthesized as `cdk synth` builds them (infra/service-desk-app.ts, bundling
 * skipped): cdk-nag's AwsSolutions pack with every acknowledgement justified, alarms that reach someone and fire on
 * what matters, the dashboard, the pinned secrets layer, SES delivery events, and the portal's front door (security
 * headers, WAF rate rules, no way around CloudFront).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PARAMS_AND_SECRETS_ARM64 } from '../infra/secrets-layer';
import { addServiceDesk, PORTAL_REGION } from '../infra/service-desk-app';
import { AUTH_RATE_LIMIT_PER_5_MIN, RATE_LIMITED_PATHS, RATE_LIMITED_POSTS } from '../infra/constructs/portal';
import { contentSecurityPolicy } from '#routes/security-headers';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '#routes/origin-verify';
import { BUSINESS_METRICS, METRICS_NAMESPACE } from '#metrics/names';
import { FUNCTIONS } from '#routes/table';

const projectRoot = path.resolve(__dirname, '..');
const outdirs: string[] = [];

const synth = (context: Record<string, string> = {}) => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-hardening-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: { 'aws:cdk:bundling-stacks': [], region: 'eu-west-1', mailDomain: 'mail.example.test', portalUrl: 'https://help.example.test/portal', ...context },
  });
  const stacks = addServiceDesk(app, projectRoot);
  app.synth(); // runs cdk-nag: an unacknowledged finding throws here
  return { app, service: Template.fromStack(stacks.service), portal: Template.fromStack(stacks.portal), portalRegion: stacks.portal.region };
};

const built = synth({ alarmEmail: 'ops@example.test' });
const { service, portal } = built;
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

type Resource = { Properties: Record<string, any> };
const all = (template: Template, type: string) => Object.values(template.findResources(type)) as Resource[];

describe('cdk-nag (AwsSolutions)', () => {
  it('finds nothing unacknowledged, and every acknowledgement says why', () => {
    const acknowledgements = built.app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));
    expect(acknowledgements.length).toBeGreaterThan(5);
    for (const { id, reason } of acknowledgements) {
      expect([id, reason.length > 40]).toEqual([expect.stringMatching(/^AwsSolutions::AwsSolutions-/), true]);
    }
  });
});

describe('alarms', () => {
  const alarmTopic = () => Object.entries(service.findResources('AWS::SNS::Topic')).find(([, t]) => t.Properties.DisplayName === 'Service desk alarms')![0];

  it('go to a topic that refuses plain HTTP and mails the address of context alarmEmail', () => {
    service.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: alarmTopic() }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    service.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.test', TopicArn: { Ref: alarmTopic() } });
  });

  it('watch Lambda throttles of every function, the cleanup errors, API 5xx and p99 latency', () => {
    const alarms = all(service, 'AWS::CloudWatch::Alarm').map((a) => a.Properties);
    const lambda = (metric: string) => alarms.filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === metric).map((a) => a.Dimensions[0].Value.Ref);
    const functions = Object.keys(service.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: Match.anyValue() } } } }));
    expect(lambda('Throttles').sort()).toEqual(functions.sort());
    const cleanup = Object.entries(service.findResources('AWS::Lambda::Function')).find(([, f]) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'cleanup')![0];
    expect(lambda('Errors')).toContain(cleanup);
    expect(alarms.some((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toBe(true);
    expect(alarms).toContainEqual(expect.objectContaining({ Namespace: 'AWS/ApiGateway', MetricName: 'Latency', ExtendedStatistic: 'p99', EvaluationPeriods: 3 }));
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: alarmTopic() }]);
  });
});

describe('observability', () => {
  it('one dashboard shows the API, the functions, the table, the business events and SES', () => {
    const [dashboard] = all(service, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard!.Properties.DashboardBody);
    for (const expected of ['AWS/ApiGateway', 'AWS/Lambda', 'ThrottledRequests', 'Reputation.BounceRate', METRICS_NAMESPACE, ...Object.values(BUSINESS_METRICS)]) {
      expect(body).toContain(expected);
    }
  });
});

describe('the functions', () => {
  it("read secrets through the extension layer pinned for the region, not CDK's built-in table", () => {
    const layered = all(service, 'AWS::Lambda::Function').filter((f) => f.Properties.Layers);
    expect(layered.length).toBeGreaterThan(5);
    for (const fn of layered) expect(fn.Properties.Layers).toEqual([PARAMS_AND_SECRETS_ARM64['eu-west-1']]);
  });

  it('behind the API expect the origin value CloudFront sends', () => {
    const apiFunctions = new Set<string>(FUNCTIONS);
    const api = all(service, 'AWS::Lambda::Function').filter(
      (f) => apiFunctions.has(f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME) && f.Properties.Handler === 'index.handler',
    );
    expect(api).toHaveLength(FUNCTIONS.length);
    for (const fn of api) expect(fn.Properties.Environment.Variables[ORIGIN_VERIFY_ENV]).toBeDefined();
  });
});

describe('SES', () => {
  it('publishes bounces and complaints to a TLS-only topic, which the mail-events function reads', () => {
    service.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: { TopicARN: { Ref: Match.anyValue() } } },
    });
    const topic = (all(service, 'AWS::SES::ConfigurationSetEventDestination')[0]!.Properties.EventDestination.SnsDestination.TopicARN as { Ref: string }).Ref;
    service.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    const mailEvents = Object.entries(service.findResources('AWS::Lambda::Function')).find(([, f]) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'mail-events')![0];
    service.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: { Ref: topic }, Endpoint: { 'Fn::GetAtt': [mailEvents, 'Arn'] } });
  });

  it('adds its receipt rule to an existing rule set when context existingReceiptRuleSet names one, and creates none', () => {
    const withExisting = synth({ existingReceiptRuleSet: 'company-inbound' }).service;
    expect(all(withExisting, 'AWS::SES::ReceiptRuleSet')).toHaveLength(0);
    withExisting.hasResourceProperties('AWS::SES::ReceiptRule', { RuleSetName: 'company-inbound', Rule: { Recipients: ['mail.example.test'] } });
  });
});

describe("the portal's front door", () => {
  it('lives in us-east-1, where CloudFront web ACLs must be', () => {
    expect(built.portalRegion).toBe(PORTAL_REGION);
  });

  it('sends HSTS, a CSP that forbids framing, and no-sniff on the portal and the API alike', () => {
    const [policy] = all(portal, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true },
      FrameOptions: { FrameOption: 'DENY' },
      ContentTypeOptions: { Override: true },
    });
    // The policy with the attachments bucket's origin (a reference across the stacks) for fetch.
    const csp = JSON.stringify(policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    const [before, after] = contentSecurityPolicy('<files>').split('<files>');
    expect(csp).toContain(before);
    expect(csp).toContain(after);
    expect(contentSecurityPolicy('https://files.example')).toContain("frame-ancestors 'none'");
    const config = all(portal, 'AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig;
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) expect(behavior.ResponseHeadersPolicyId).toBeDefined();
  });

  it('rate-limits sign-in, password reset and invitation accept per address with a WAF web ACL', () => {
    const [acl] = all(portal, 'AWS::WAFv2::WebACL');
    expect(acl!.Properties.Scope).toBe('CLOUDFRONT');
    const auth = acl!.Properties.Rules.find((r: any) => r.Name === 'auth-routes-per-ip');
    expect(auth.Statement.RateBasedStatement).toMatchObject({ Limit: AUTH_RATE_LIMIT_PER_5_MIN, AggregateKeyType: 'IP' });
    const statements = auth.Statement.RateBasedStatement.ScopeDownStatement.OrStatement.Statements;
    const paths = statements.filter((s: any) => s.ByteMatchStatement).map((s: any) => s.ByteMatchStatement.SearchString);
    expect(paths).toEqual(RATE_LIMITED_PATHS);
    // The console's sign-in shares its path with GET session: only its POSTs count.
    const posts = statements.filter((s: any) => s.AndStatement).map((s: any) => s.AndStatement.Statements.map((m: any) => m.ByteMatchStatement.SearchString));
    expect(posts).toEqual(RATE_LIMITED_POSTS.map((path) => [path, 'POST']));
    expect(paths).toEqual(expect.arrayContaining(['/rest/portal/1/login', '/rest/portal/1/password/forgot', '/rest/portal/1/password/reset']));
    expect(all(portal, 'AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig.WebACLId).toBeDefined();
  });

  it('adds the origin header on /rest/*, so the raw execute-api URL is refused', () => {
    const origins = all(portal, 'AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig.Origins as any[];
    const api = origins.find((o) => o.CustomOriginConfig);
    expect(api.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: expect.anything() }]);
  });
});
