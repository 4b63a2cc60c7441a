/**
 * Mail: the SES sender identity for the mail domain (context `mailDomain`, DKIM signed) and the configuration set
 * every message is sent through (reputation metrics for the bounce and complaint alarms; addresses that bounce or
 * complain are suppressed). Each bounce and complaint is also published to a topic (`deliveryEvents`), so mail to a
 * dead address shows up. A sender is granted SendRawEmail on exactly these two resources.
 */
import { Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { acknowledge } from '../nag';
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
  /** SES bounce and complaint events of every message sent through the configuration set. */
  readonly deliveryEvents: Topic;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.mailDomain = props.mailDomain;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.deliveryEvents = new Topic(this, 'DeliveryEvents', { displayName: 'Service desk: SES bounces and complaints', enforceSSL: true });
    acknowledge(this.deliveryEvents, 'SNS2', 'SES cannot publish to a topic under the AWS-managed SNS key; an event (a recipient address and a diagnostic) stays in SNS only until it is delivered, and SNS encrypts it at rest with its own keys');
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.deliveryEvents),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
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
