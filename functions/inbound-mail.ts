/**
 * Lambda "inbound-mail": invoked by the SES receipt rule after its S3 action stored the raw message. Reads each
 * message from S3 and hands it to the email channel; a thrown error makes the asynchronous invocation retry,
 * which the mail log makes harmless. Each message processed counts once by its outcome (a duplicate delivery not).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SESEvent, SESReceiptStatus } from 'aws-lambda';
import { processStoredMail } from '#domain/inbound-mail';
import type { Verdict } from '#domain/inbound-filters';
import { logger } from '#logger';
import { countEvent } from '#http/metrics';
import { BUSINESS_METRICS } from '#metrics/names';

const verdict = (status: SESReceiptStatus | undefined): Verdict => (status?.status as Verdict | undefined) ?? 'DISABLED';

const receive = async (event: SESEvent): Promise<void> => {
  for (const record of event.Records) {
    const { mail, receipt } = record.ses;
    const stored = { bucket: process.env.INBOUND_BUCKET, key: `${process.env.INBOUND_PREFIX ?? 'inbound/'}${mail.messageId}` };
    const result = await processStoredMail(stored, {
      sesMessageId: mail.messageId,
      recipients: receipt.recipients,
      source: mail.source,
      verdicts: {
        spam: verdict(receipt.spamVerdict),
        virus: verdict(receipt.virusVerdict),
        spf: verdict(receipt.spfVerdict),
        dkim: verdict(receipt.dkimVerdict),
        dmarc: verdict(receipt.dmarcVerdict),
      },
    });
    if (!result.duplicate && result.entry.outcome) countEvent(BUSINESS_METRICS.inboundMail, 1, { outcome: result.entry.outcome });
  }
};

export const handler = middy<SESEvent, void, Error, Context>(receive).use(injectLambdaContext(logger));
