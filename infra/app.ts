/** CDK entry point (cdk.json runs it with tsx). Synthesizes offline: the account is optional, the region is context. */
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { PortalStack } from './portal-stack';
import { ServiceDeskStack } from './stack';

const app = new App();

// SES receives mail only in some regions, so the region is a deliberate choice in cdk.json, not the CLI's default.
const region: unknown = app.node.tryGetContext('region');
if (typeof region !== 'string' || region === '') throw new Error('cdk.json context "region" must be set');

// Without an account the stack is account-agnostic and synthesizes with no credentials at all.
const account = process.env.CDK_DEFAULT_ACCOUNT;

const env = account ? { account, region } : { region };
const projectRoot = path.resolve(import.meta.dirname, '..');
const service = new ServiceDeskStack(app, 'ServiceDeskStack', {
  env,
  projectRoot,
  description: 'Service desk: customer directory and staff behind a JSM-dialect HTTP API',
});
new PortalStack(app, 'PortalStack', {
  env,
  projectRoot,
  apiDomain: service.apiDomain,
  description: 'Service desk: the customer portal (S3 + CloudFront, /rest/* to the HTTP API)',
});
