/**
 * Inbound mail: SES receives mail for the mail domain (context `mailDomain`), stores each raw message in a private
 * bucket (S3 action), then invokes the inbound function asynchronously (Lambda action, InvocationType Event). Lambda
 * retries a failed event twice within an hour and then parks it in a failure queue; the queue's depth alarms.
 *
 * SES receives mail only in some regions (among them us-east-1, us-west-2 and eu-west-1; see "Email receiving
 * endpoints" in the SES docs): deploy the stack in one of them. CloudFormation cannot make a rule set the active one:
 * after the first deploy run `aws ses set-active-receipt-rule-set --rule-set-name <ReceiptRuleSetName output>`, and
 * point the domain's MX record at `inbound-smtp.<region>.amazonaws.com`. A region has one active rule set, and
 * activating ours replaces any other: with `existingRuleSetName` (context `existingReceiptRuleSet`) our rule is
 * added to that set instead, and nothing needs activating.
 */
import { Duration, RemovalPolicy, Stack, type CfnElement } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { privateBucket } from './private-bucket';
import { ReceiptRule, ReceiptRuleSet, TlsPolicy, type IReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import { acknowledge, wildcardUnder } from '../nag';
import { Lambda, LambdaInvocationType, S3 } from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';

/** Where SES puts raw messages; the function reads `<prefix><SES message id>` (shared/mail/raw-store.ts). */
export const INBOUND_PREFIX = 'inbound/';
/** Lambda's asynchronous retries of one SES event before it goes to the failure queue. */
export const INBOUND_RETRY_ATTEMPTS = 2;
export const INBOUND_MAX_EVENT_AGE = Duration.hours(1);
/** Raw messages are kept for review (refused mail can be accepted later) and then expire. */
export const RAW_MAIL_RETENTION_DAYS = 30;

export interface InboundMailProps {
  /** Desk addresses are `<desk key>@<mailDomain>`: the rule receives for the whole domain. */
  readonly mailDomain: string;
  /** The inbound function (functions/inbound-mail.ts). */
  readonly handler: LambdaFunction;
  /** An active rule set of the account to add our rule to, instead of a rule set of our own. */
  readonly existingRuleSetName?: string;
}

export class InboundMail extends Construct {
  readonly bucket: Bucket;
  /** Events the function failed on after its retries (the alarm watches its depth). */
  readonly failures: Queue;
  readonly ruleSet: IReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    this.bucket = privateBucket(this, 'RawMail', {
      lifecycleRules: [{ id: 'expire-raw-mail', prefix: INBOUND_PREFIX, expiration: Duration.days(RAW_MAIL_RETENTION_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.bucket, 'S1', 'Only SES writes here and only the inbound function reads, one object at a time; S3 server access logs would add a second bucket and add nothing CloudTrail does not tell');
    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.failures, 'SQS3', 'This queue is itself the failure destination of the inbound function: a queue of its own behind it would only move the problem');

    // Order matters: SES runs the actions in turn, so the message is in the bucket before the function runs.
    // S3 adds the bucket policy letting SES put objects under the prefix, for this account only (aws:SourceAccount).
    const { handler } = props;
    handler.configureAsyncInvoke({
      retryAttempts: INBOUND_RETRY_ATTEMPTS,
      maxEventAge: INBOUND_MAX_EVENT_AGE,
      onFailure: new SqsDestination(this.failures),
    });
    this.grantReadRawMail(handler);
    for (const [name, value] of Object.entries(this.environment)) handler.addEnvironment(name, value);
    const rule = {
      recipients: [props.mailDomain],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.OPTIONAL,
      enabled: true,
      actions: [
        new S3({ bucket: this.bucket, objectKeyPrefix: INBOUND_PREFIX }),
        new Lambda({ function: handler, invocationType: LambdaInvocationType.EVENT }),
      ],
    };
    if (props.existingRuleSetName) {
      this.ruleSet = ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', props.existingRuleSetName);
      new ReceiptRule(this, 'Rule', { ruleSet: this.ruleSet, ...rule });
    } else {
      this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { rules: [rule] });
    }
  }

  /** What the inbound function reads (shared/mail/raw-store.ts). */
  get environment(): Record<string, string> {
    return { INBOUND_BUCKET: this.bucket.bucketName, INBOUND_PREFIX };
  }

  /** GetObject on the raw messages, nothing else (no listing, no writes; the bucket uses S3-managed keys). */
  grantReadRawMail(grantee: IGrantable & IConstruct): Grant {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    acknowledge(grantee, wildcardUnder(bucketId, `${INBOUND_PREFIX}*`), 'GetObject on the raw messages SES stores under inbound/, one object per SES message id');
    return Grant.addToPrincipal({ grantee, actions: ['s3:GetObject'], resourceArns: [this.bucket.arnForObjects(`${INBOUND_PREFIX}*`)] });
  }
}
