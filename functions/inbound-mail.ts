/**
 * Lambda "inbound-mail": invoked by the SES receipt rule after its S3 action stored the raw message. Reads each
 * message from S3 and hands it to the email channel; a thrown error makes the asynchronous invocation retry,
 * which the mail log makes harmless.
 */
import type { SESEvent, SESReceiptStatus } from 'aws-lambda';
import { processInboundMail } from '#domain/inbound-mail';
import type { Verdict } from '#domain/inbound-filters';
import { getRawMessage } from '#mail/raw-store';

const verdict = (status: SESReceiptStatus | undefined): Verdict => (status?.status as Verdict | undefined) ?? 'DISABLED';

export const handler = async (event: SESEvent): Promise<void> => {
  for (const record of event.Records) {
    const { mail, receipt } = record.ses;
    const raw = await getRawMessage(process.env.INBOUND_BUCKET, `${process.env.INBOUND_PREFIX ?? 'inbound/'}${mail.messageId}`);
    await processInboundMail({
      sesMessageId: mail.messageId,
      raw,
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
  }
};
