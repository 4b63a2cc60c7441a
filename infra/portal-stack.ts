/**
 * The customer portal in AWS, a stack of its own beside ServiceDeskStack: S3 + CloudFront serving portal/dist and
 * forwarding /rest/* to the HTTP API (infra/constructs/portal.ts).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Portal } from './constructs/portal';

export interface PortalStackProps extends StackProps {
  readonly projectRoot: string;
  readonly apiDomain: string;
}

export class PortalStack extends Stack {
  readonly portal: Portal;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    this.portal = new Portal(this, 'Portal', { projectRoot: props.projectRoot, apiDomain: props.apiDomain });
    new CfnOutput(this, 'PortalUrl', { value: this.portal.url, description: 'The customer portal: set cdk.json context "portalUrl" to it (or a custom domain)' });
    new CfnOutput(this, 'PortalBucket', { value: this.portal.bucket.bucketName });
  }
}
