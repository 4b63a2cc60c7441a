/**
 * Lambda "mail-events": subscribed to the SES delivery-events topic (infra/constructs/mail.ts). Reads each SES
 * event (configuration-set events say `eventType`, identity notifications `notificationType`): a permanent bounce
 * or a complaint marks the invitation it was about; transient bounces (a full mailbox) are left to SES's retries.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SNSEvent } from 'aws-lambda';
import { recordDeliveryFailure, type DeliveryEvent } from '#domain/mail-delivery';
import { logger } from '#logger';

interface SesEvent {
  eventType?: string;
  notificationType?: string;
  mail?: { messageId?: string };
  bounce?: { bounceType?: string; timestamp?: string; bouncedRecipients?: Array<{ emailAddress: string; diagnosticCode?: string }> };
  complaint?: { timestamp?: string; complainedRecipients?: Array<{ emailAddress: string }> };
}

/** The delivery failure an SES event reports, if it is one we act on. */
export const deliveryEventOf = (ses: SesEvent): DeliveryEvent | undefined => {
  const kind = ses.eventType ?? ses.notificationType;
  const sesMessageId = ses.mail?.messageId;
  if (!sesMessageId) return undefined;
  if (kind === 'Bounce' && ses.bounce?.bounceType === 'Permanent') {
    const recipients = ses.bounce.bouncedRecipients ?? [];
    const detail = recipients.find((r) => r.diagnosticCode)?.diagnosticCode;
    return {
      sesMessageId,
      recipients: recipients.map((r) => r.emailAddress),
      failure: { type: 'bounce', at: ses.bounce.timestamp ?? new Date().toISOString(), ...(detail ? { detail } : {}) },
    };
  }
  if (kind === 'Complaint') {
    return {
      sesMessageId,
      recipients: (ses.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress),
      failure: { type: 'complaint', at: ses.complaint?.timestamp ?? new Date().toISOString() },
    };
  }
  return undefined;
};

const receive = async (event: SNSEvent): Promise<void> => {
  for (const record of event.Records) {
    const delivery = deliveryEventOf(JSON.parse(record.Sns.Message) as SesEvent);
    if (!delivery) continue;
    const marked = await recordDeliveryFailure(delivery);
    logger.info('delivery failure', { type: delivery.failure.type, sesMessageId: delivery.sesMessageId, invitationsMarked: marked });
  }
};

export const handler = middy<SNSEvent, void, Error, Context>(receive).use(injectLambdaContext(logger));
