/**
 * The customer portal in AWS (infra/portal-stack.ts): a private bucket read by CloudFront through an origin access
 * control, portal/dist deployed under portal/ and console/dist under console/, /rest/* forwarded uncached to the HTTP
 * API, pages under /portal/ and /console/ answered with their app by a CloudFront Function. Synthesized offline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PortalStack } from '../infra/portal-stack';
import { buildWebApps } from '#harness/web-apps';

const projectRoot = path.resolve(__dirname, '..');
let template: Template;
let outdir: string;

beforeAll(() => {
  buildWebApps();
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

  it('deploys portal/dist under portal/ and console/dist under console/, and invalidates the pages of each', () => {
    for (const app of ['portal', 'console']) {
      template.resourcePropertiesCountIs('Custom::CDKBucketDeployment', { DestinationBucketKeyPrefix: `${app}/` }, 2);
      template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: [`/${app}/*`] });
    }
    template.hasOutput('ConsoleUrl', { Value: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['/console'])]) }) });
  });

  it('answers the pages of both apps with their own index.html, and redirects the bare paths', () => {
    const fn = Object.values(template.findResources('AWS::CloudFront::Function'))[0] as { Properties: { FunctionCode: string } };
    // The function's own code, run as CloudFront runs it: a handler over a viewer request.
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (e: { request: { uri: string } }) => { uri?: string; statusCode?: number; headers?: { location: { value: string } } };
    const at = (uri: string) => handler({ request: { uri } });
    expect(at('/console/customers/abc').uri).toBe('/console/index.html');
    expect(at('/console/set-password').uri).toBe('/console/index.html');
    expect(at('/console/assets/index-x.js').uri).toBe('/console/assets/index-x.js');
    expect(at('/portal/request/HELP-1').uri).toBe('/portal/index.html');
    expect(at('/rest/console/1/session').uri).toBe('/rest/console/1/session');
    expect(at('/console').headers?.location.value).toBe('/console/');
    expect(at('/').headers?.location.value).toBe('/portal/');
  });

  it('forwards /rest/* to the HTTP API uncached, every method, with the viewer\'s cookies and headers, and rewrites the apps\' pages at the edge', () => {
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
  });
});
