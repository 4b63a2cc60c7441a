/**
 * The cloud shape of inbound mail, pinned on the synthesized template: a private, encrypted bucket whose raw messages
 * expire; a receipt rule for the mail domain that stores the message (S3) before invoking the inbound function
 * asynchronously; the function's retries and failure queue, the alarms on both, and its narrow grants.
 */
import { MAIL_DOMAIN, actionsOf, actionsOfService, functionOf, logicalIdOf, only, resources, statementsOfService } from '#harness/template';
import { INBOUND_PREFIX, INBOUND_RETRY_ATTEMPTS, RAW_MAIL_RETENTION_DAYS } from '../infra/constructs/inbound-mail';
import { ITEM_ACTIONS } from '../infra/constructs/data';

const bucketId = () => Object.keys(resources('AWS::S3::Bucket')).find((id) => id.startsWith('InboundMail'))!;
const rawMailBucket = () => resources('AWS::S3::Bucket')[bucketId()]!;
const rawMailBucketPolicy = () => only(Object.fromEntries(Object.entries(resources('AWS::S3::BucketPolicy')).filter(([, p]) => p.Properties.Bucket.Ref === bucketId())));
const queueId = () => Object.keys(resources('AWS::SQS::Queue'))[0]!;
const rule = () => only(resources('AWS::SES::ReceiptRule'));

describe('the raw inbound mail bucket', () => {
  it('is encrypted, blocks all public access, refuses plain HTTP, and expires raw messages after 30 days', () => {
    const bucket = rawMailBucket();
    expect(bucket.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ Status: 'Enabled', Prefix: INBOUND_PREFIX, ExpirationInDays: RAW_MAIL_RETENTION_DAYS }),
    ]);
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('lets SES of this account (aws:SourceAccount) put objects under the prefix, and nobody else anything', () => {
    const statements = rawMailBucketPolicy().Properties.PolicyDocument.Statement as Array<Record<string, any>>;
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:PutObject',
        Principal: { Service: 'ses.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
    expect(JSON.stringify(allows[0]!.Resource)).toContain(`/${INBOUND_PREFIX}*`);
    expect(statements.filter((s) => s.Effect === 'Deny').map((s) => s.Condition)).toEqual([{ Bool: { 'aws:SecureTransport': 'false' } }]);
  });
});

describe('the SES receipt rule set', () => {
  it('has one enabled rule for the mail domain, with spam and virus scanning', () => {
    const ruleSetId = Object.keys(resources('AWS::SES::ReceiptRuleSet'))[0]!;
    expect(Object.keys(resources('AWS::SES::ReceiptRuleSet'))).toHaveLength(1);
    expect(rule().Properties.RuleSetName).toEqual({ Ref: ruleSetId });
    expect(rule().Properties.Rule).toMatchObject({ Enabled: true, Recipients: [MAIL_DOMAIN], ScanEnabled: true });
  });

  it('stores the raw message in the bucket first, after the bucket policy exists', () => {
    const actions = rule().Properties.Rule.Actions as Array<Record<string, any>>;
    expect(actions[0]).toEqual({ S3Action: { BucketName: { Ref: bucketId() }, ObjectKeyPrefix: INBOUND_PREFIX } });
    expect([(rule() as { DependsOn?: string | string[] }).DependsOn].flat()).toContain(Object.keys(resources('AWS::S3::BucketPolicy')).find((id) => resources('AWS::S3::BucketPolicy')[id] === rawMailBucketPolicy()));
  });

  it('then invokes the inbound function asynchronously (InvocationType Event), which SES of this account alone may invoke', () => {
    const [fnId] = functionOf('inbound-mail');
    const actions = rule().Properties.Rule.Actions as Array<Record<string, any>>;
    expect(actions.map((a) => Object.keys(a)[0])).toEqual(['S3Action', 'LambdaAction']);
    expect(actions[1]!.LambdaAction).toEqual({ FunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] }, InvocationType: 'Event' });
    const permissions = Object.values(resources('AWS::Lambda::Permission')).filter((p) => logicalIdOf(p.Properties.FunctionName) === fnId);
    expect(permissions.map((p) => [p.Properties.Principal, p.Properties.SourceAccount])).toEqual([['ses.amazonaws.com', { Ref: 'AWS::AccountId' }]]);
  });
});

describe('the inbound function', () => {
  it('retries a failed event twice within an hour, then sends it to the failure queue', () => {
    const [fnId] = functionOf('inbound-mail');
    const config = only(resources('AWS::Lambda::EventInvokeConfig'));
    expect(config.Properties).toMatchObject({
      FunctionName: { Ref: fnId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: INBOUND_RETRY_ATTEMPTS,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId(), 'Arn'] } } },
    });
  });

  it('has an encrypted failure queue, and an alarm as soon as one message waits in it', () => {
    expect(only(resources('AWS::SQS::Queue')).Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.Namespace === 'AWS/SQS' && a.Properties.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0] === queueId(),
    );
    expect(alarms.map((a) => [a.Properties.MetricName, a.Properties.ComparisonOperator, a.Properties.Threshold])).toEqual([
      ['ApproximateNumberOfMessagesVisible', 'GreaterThanThreshold', 0],
    ]);
    expect(alarms[0]!.Properties.AlarmActions).toHaveLength(1);
  });

  it('alarms when it throws or times out', () => {
    const [fnId] = functionOf('inbound-mail');
    const alarm = Object.values(resources('AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties.MetricName === 'Errors' && a.Properties.Dimensions?.[0]?.Value?.Ref === fnId,
    );
    expect(alarm?.Properties).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1 });
  });

  it('runs on Node.js 24, arm64, with the table, the bucket and prefix, and the mail settings', () => {
    const [, fn] = functionOf('inbound-mail');
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 60 });
    expect(fn.Properties.Environment.Variables).toMatchObject({
      INBOUND_BUCKET: { Ref: bucketId() },
      INBOUND_PREFIX,
      MAIL_DOMAIN,
      TABLE_NAME: { Ref: expect.any(String) },
      POWERTOOLS_SERVICE_NAME: 'inbound-mail',
    });
  });

  it('may only read raw messages under the prefix, store the files of accepted mail, use table items, send raw mail and report failures: no wildcard actions', () => {
    const actions = actionsOfService('inbound-mail');
    expect([...actions].sort()).toEqual(
      [...ITEM_ACTIONS, 's3:GetObject', 's3:PutObject', 'ses:SendRawEmail', 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'].sort(),
    );
    expect(actions.filter((a) => a === '*' || a.endsWith(':*') || /scan/i.test(a))).toEqual([]);
    const s3 = statementsOfService('inbound-mail').filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const attachmentsId = Object.keys(resources('AWS::S3::Bucket')).find((id) => id.startsWith('Attachments'))!;
    expect(s3.map((s) => [actionsOf(s), s.Resource])).toEqual(expect.arrayContaining([
      [['s3:GetObject'], { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(), 'Arn'] }, `/${INBOUND_PREFIX}*`]] }],
      [['s3:PutObject'], { 'Fn::Join': ['', [{ 'Fn::GetAtt': [attachmentsId, 'Arn'] }, '/mail/*']] }],
    ]));
    expect(s3).toHaveLength(2);
    const sqs = statementsOfService('inbound-mail').filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
    expect(sqs.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [queueId(), 'Arn'] }]);
  });

  it('no function other than the inbound one may touch the raw mail bucket', () => {
    const others = Object.values(resources('AWS::IAM::Policy'))
      .filter((p) => !(p.Properties.Roles ?? []).some((r: any) => logicalIdOf(r) === logicalIdOf(functionOf('inbound-mail')[1].Properties.Role)))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
    expect(others.filter((s) => JSON.stringify(s.Resource ?? '').includes(bucketId()))).toEqual([]);
  });
});
