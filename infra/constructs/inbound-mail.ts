/**
 * Inbound mail: SES receives mail for the mail domain (context `mailDomain`), stores each raw message in a private
 * bucket (S3 action), then invokes the inbound function asynchronously (Lambda action, InvocationType Event). Lambda
 * retries a failed event twice within an hour and then parks it in a failure queue; the queue's depth alarms.
 *
 * SES receives mail only in some regions (among them us-east-1, us-west-2 and eu-west-1; see "Email receiving
 * endpoints" in the SES docs): deploy the stack in one of them. CloudFormation cannot make a rule set the active one:
 * after the first deploy run `aws ses set-active-receipt-rule-set --rule-set-name <ReceiptRuleSetName output>`, and
 * point the domain's MX record at `inbound-smtp.<region>.amazonaws.com`.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType, S3 } from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

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
}

export class InboundMail extends Construct {
  readonly bucket: Bucket;
  /** Events the function failed on after its retries (the alarm watches its depth). */
  readonly failures: Queue;
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'RawMail', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire-raw-mail', prefix: INBOUND_PREFIX, expiration: Duration.days(RAW_MAIL_RETENTION_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

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
    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', {
      rules: [
        {
          recipients: [props.mailDomain],
          scanEnabled: true,
          tlsPolicy: TlsPolicy.OPTIONAL,
          enabled: true,
          actions: [
            new S3({ bucket: this.bucket, objectKeyPrefix: INBOUND_PREFIX }),
            new Lambda({ function: handler, invocationType: LambdaInvocationType.EVENT }),
          ],
        },
      ],
    });
  }

  /** What the inbound function reads (shared/mail/raw-store.ts). */
  get environment(): Record<string, string> {
    return { INBOUND_BUCKET: this.bucket.bucketName, INBOUND_PREFIX };
  }

  /** GetObject on the raw messages, nothing else (no listing, no writes; the bucket uses S3-managed keys). */
  grantReadRawMail(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: ['s3:GetObject'], resourceArns: [this.bucket.arnForObjects(`${INBOUND_PREFIX}*`)] });
  }
}
