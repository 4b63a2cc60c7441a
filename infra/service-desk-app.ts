/**
 * The two stacks of the product and the checks every synth runs, for infra/app.ts (the CDK CLI) and for the tests
 * (test/infra-nag.test.ts) alike: ServiceDeskStack in the region of context `region`, PortalStack in us-east-1
 * (CloudFront's WAF web ACLs live there), linked by cross-region references; cdk-nag's AwsSolutions pack, whose
 * every unacknowledged finding stops the synth.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PortalStack } from './portal-stack';
import { ServiceDeskStack } from './stack';

/** CloudFront's region: a WAF web ACL for a distribution must be created here. */
export const PORTAL_REGION = 'us-east-1';

/** `projectRoot`: the repository root (functions/, portal/dist, the lockfile). */
export const addServiceDesk = (app: App, projectRoot: string) => {
  // SES receives mail only in some regions, so the region is a deliberate choice (cdk.json or -c region=...).
  const region: unknown = app.node.tryGetContext('region');
  if (typeof region !== 'string' || region === '') throw new Error('cdk.json context "region" must be set (or -c region=<region>)');
  // Without an account the stacks are account-agnostic and synthesize with no credentials at all.
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const envIn = (r: string) => (account ? { account, region: r } : { region: r });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const service = new ServiceDeskStack(app, 'ServiceDeskStack', {
    env: envIn(region),
    projectRoot,
    crossRegionReferences: true,
    description: 'Service desk: directory, desks, requests, mail, behind a JSM-dialect HTTP API',
  });
  const portal = new PortalStack(app, 'PortalStack', {
    env: envIn(PORTAL_REGION),
    projectRoot,
    apiDomain: service.apiDomain,
    originVerify: service.originVerify,
    filesOrigin: service.filesOrigin,
    crossRegionReferences: true,
    description: 'Service desk: the customer portal (S3 + CloudFront + WAF, /rest/* to the HTTP API)',
  });
  return { service, portal };
};
