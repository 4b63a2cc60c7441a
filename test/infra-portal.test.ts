/**
 * The customer portal in AWS (infra/portal-stack.ts): a private bucket read by CloudFront through an origin access
 * control, portal/dist deployed under portal/, /rest/* forwarded uncached to the HTTP API, pages under /portal/
 * answered with the app by a CloudFront Function. Synthesized offline.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PortalStack } from '../infra/portal-stack';

const projectRoot = path.resolve(__dirname, '..');
let template: Template;
let outdir: string;

beforeAll(() => {
  if (!existsSync(path.join(projectRoot, 'portal', 'dist', 'index.html'))) {
    execFileSync(process.execPath, [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', path.join(projectRoot, 'portal')], { stdio: 'inherit' });
  }
  outdir = mkdtempSync(path.join(tmpdir(), 'cdk-portal-'));
  const app = new App({ outdir });
  const stack = new PortalStack(app, 'PortalStack', { env: { region: 'eu-west-1' }, projectRoot, apiDomain: 'abc123.execute-api.eu-west-1.amazonaws.com', originVerify: 'origin-value-of-the-test', filesOrigin: 'https://files.s3.eu-west-1.amazonaws.com' });
  template = Template.fromStack(stack);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the portal stack', () => {
  it('keeps the files in a private, encrypted bucket read by CloudFront through an origin access control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('deploys portal/dist under portal/ and invalidates the pages', () => {
    template.resourcePropertiesCountIs('Custom::CDKBucketDeployment', { DestinationBucketKeyPrefix: 'portal/' }, 2);
    template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/portal/*'] });
  });

  it('forwards /rest/* to the HTTP API uncached, every method, with the viewer\'s cookies and headers, and rewrites portal pages to the app', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/rest/*',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            // AllViewerExceptHostHeader: the portal's session cookie and the Sec-Fetch-Site / X-CSRF-Token headers
            // reach the API, on the portal's own origin.
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
          }),
        ],
        Origins: Match.arrayWith([Match.objectLike({ DomainName: 'abc123.execute-api.eu-west-1.amazonaws.com' })]),
        DefaultCacheBehavior: Match.objectLike({ FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })] }),
      }),
    });
    const fn = Object.values(template.findResources('AWS::CloudFront::Function'))[0] as { Properties: { FunctionCode: string } };
    expect(fn.Properties.FunctionCode).toContain("'/portal/index.html'");
  });
});
