/**
 * cdk-nag's AwsSolutions pack (run by infra/app.ts at every synth, and by test/infra-nag.test.ts): every finding
 * we accept is acknowledged here or beside the construct it concerns, each with its reason.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one AwsSolutions rule on a construct and its children. Rules that report several findings per
 * resource (IAM4, IAM5) are acknowledged finding by finding: `IAM5[Resource::<Table.Arn>/index/*]`.
 */
export const acknowledge = (scope: IConstruct, rule: string, reason: string): void =>
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${rule}`, reason });

/** The IAM4 finding of a role with the AWS-managed policy Lambda functions use for their logs. */
export const LAMBDA_LOGS_POLICY_FINDING = 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** The IAM5 finding of a grant on every object (or index) under a resource's ARN: `IAM5[Resource::<LogicalId.Arn>/suffix]`. */
export const wildcardUnder = (logicalId: string, suffix: string): string => `IAM5[Resource::<${logicalId}.Arn>/${suffix}]`;
