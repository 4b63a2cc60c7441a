/**
 * Mail: the SES sender identity for the mail domain (context `mailDomain`, DKIM signed) and the configuration set
 * every message is sent through (reputation metrics for the bounce and complaint alarms; addresses that bounce or
 * complain are suppressed). A sender is granted SendRawEmail on exactly these two resources.
 */
import { Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailProps {
  /** Desk addresses and the sender live here (`no-reply@<mailDomain>`); the domain's DNS must carry SES's DKIM records. */
  readonly mailDomain: string;
}

export class Mail extends Construct {
  readonly mailDomain: string;
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.mailDomain = props.mailDomain;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /** What a sending function reads (shared/mail/ses.ts). */
  get senderEnvironment(): Record<string, string> {
    return { MAIL_DOMAIN: this.mailDomain, SES_CONFIGURATION_SET: this.configurationSet.configurationSetName };
  }

  /** SendRawEmail from the identity through the configuration set (SES authorizes both resources), nothing else. */
  grantSendRawEmail(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendRawEmail'],
      resourceArns: [this.identity.emailIdentityArn, this.configurationSetArn],
    });
  }
}
