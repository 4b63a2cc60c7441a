/**
 * The cloud shape of attachments, pinned on the synthesized template: a private, encrypted, TLS-only bucket whose
 * temporary uploads expire, reachable from the portal's origin only (CORS), and narrow grants per function.
 */
import { PORTAL_URL, actionsOf, functions, logicalIdOf, resources, serviceOf, statementsOfService } from '#harness/template';
import { TEMPORARY_PREFIX, TEMPORARY_RETENTION_DAYS } from '../infra/constructs/attachments';

const bucketId = Object.keys(resources('AWS::S3::Bucket')).find((id) => id.startsWith('Attachments'))!;
const bucket = resources('AWS::S3::Bucket')[bucketId]!;
const touchesBucket = (s: { Resource: unknown }) => JSON.stringify(s.Resource ?? '').includes(bucketId);

it('is encrypted, blocks all public access, refuses plain HTTP, is kept when the stack goes, and expires temporary uploads', () => {
  expect(bucket.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
  expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
    expect.objectContaining({ Status: 'Enabled', Prefix: TEMPORARY_PREFIX, ExpirationInDays: TEMPORARY_RETENTION_DAYS }),
    expect.objectContaining({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
  ]);
  expect(bucket.DeletionPolicy).toBe('Retain');
  const policy = Object.values(resources('AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === bucketId)!;
  const statements = policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>;
  expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  expect(statements.map((s) => s.Condition)).toEqual([{ Bool: { 'aws:SecureTransport': 'false' } }]);
});

it("lets only the portal's origin upload to it and fetch from it in a browser", () => {
  expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedOrigins: [new URL(PORTAL_URL).origin], AllowedMethods: ['GET', 'POST'] })]);
});

it('is touched by the attachments, conversation and inbound-mail functions only, with object actions under their prefixes', () => {
  const grants = Object.fromEntries(
    Object.values(functions)
      .filter((fn) => fn.Properties.Handler === 'index.handler')
      .map((fn) => [serviceOf(fn), statementsOfService(serviceOf(fn)).filter(touchesBucket)] as const)
      .filter(([, statements]) => statements.length > 0)
      .map(([name, statements]) => [name, statements.flatMap((s) => actionsOf(s)).sort()]),
  );
  expect(grants).toEqual({
    attachments: ['s3:GetObject', 's3:PutObject'],
    conversation: ['s3:GetObject', 's3:PutObject'],
    'inbound-mail': ['s3:PutObject'],
  });
  const resourcesOf = (name: string) => statementsOfService(name).filter(touchesBucket).flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
  expect(resourcesOf('conversation').every((r) => r.includes('/temporary/*') || r.includes('/requests/*'))).toBe(true);
  expect(logicalIdOf({ Ref: bucketId })).toBe(bucketId);
});
