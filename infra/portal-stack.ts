/**
 * The customer portal in AWS, a stack of its own beside ServiceDeskStack: S3 + CloudFront serving portal/dist and
 * forwarding /rest/* to the HTTP API (infra/constructs/portal.ts). It lives in us-east-1, where CloudFront's WAF web
 * ACLs must be; the API's domain and origin value come from the service stack's region by cross-region references.
 */
import { CfnOutput, Stack, type CfnElement, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Portal } from './constructs/portal';
import { LAMBDA_LOGS_POLICY_FINDING, acknowledge, wildcardUnder } from './nag';

export interface PortalStackProps extends StackProps {
  readonly projectRoot: string;
  readonly apiDomain: string;
  readonly originVerify: string;
  readonly filesOrigin: string;
}

export class PortalStack extends Stack {
  readonly portal: Portal;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    this.portal = new Portal(this, 'Portal', { projectRoot: props.projectRoot, apiDomain: props.apiDomain, originVerify: props.originVerify, filesOrigin: props.filesOrigin });
    new CfnOutput(this, 'PortalUrl', { value: this.portal.url, description: 'The customer portal: set cdk.json context "portalUrl" to it (or a custom domain)' });
    new CfnOutput(this, 'ConsoleUrl', { value: this.portal.consoleUrl, description: 'The staff console (same distribution as the portal)' });
    new CfnOutput(this, 'PortalBucket', { value: this.portal.bucket.bucketName });
    // CDK's own helpers in this stack: the bucket deployment, the bucket auto-delete and the cross-region reader.
    acknowledge(this, 'L1', "CDK's custom-resource providers (BucketDeployment, autoDeleteObjects, cross-region references) pick their own runtime; they run only during deploys");
    acknowledge(this, LAMBDA_LOGS_POLICY_FINDING, "CDK's custom-resource providers use AWSLambdaBasicExecutionRole for their logs");
    const deploymentNeeds =
      "CDK's BucketDeployment copies the asset bucket's objects into the portal bucket (CDK's own grantReadWrite/grantRead: s3 wildcard actions on <bucket>/*) and invalidates the distribution (CloudFront has no resource-level ARN for it)";
    const portalBucket = this.getLogicalId(this.portal.bucket.node.defaultChild as CfnElement);
    for (const finding of [
      'IAM5[Action::s3:Abort*]',
      'IAM5[Action::s3:DeleteObject*]',
      'IAM5[Action::s3:GetBucket*]',
      'IAM5[Action::s3:GetObject*]',
      'IAM5[Action::s3:List*]',
      'IAM5[Resource::*]',
      wildcardUnder(portalBucket, '*'),
      `IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${this.region}/*]`,
    ]) {
      acknowledge(this, finding, deploymentNeeds);
    }
  }
}
