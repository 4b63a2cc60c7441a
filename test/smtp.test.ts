/**
 * The local inbound SMTP listener (what SES receiving is in AWS): a message sent with nodemailer to a desk address
 * lands in the local S3 and reaches the inbound handler as an SES event; other domains are refused at RCPT.
 */
import type { SESEvent } from 'aws-lambda';
import { createTransport } from 'nodemailer';
import { getRawMessage } from '#mail/raw-store';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { INBOUND_BUCKET, INBOUND_PREFIX } from '#local/s3';
import { listenSmtp } from '#harness/mail';
import { startSmtpListener, type InboundDelivery, type InboundHandler, type RunningSmtp } from '#local/smtp';

const DOMAIN = 'mail.localhost';

describe('the local inbound SMTP listener', () => {
  let app: TestApp;
  let smtp: RunningSmtp;
  const handler = jest.fn<ReturnType<InboundHandler>, Parameters<InboundHandler>>(async () => undefined);
  let nextDelivery: () => Promise<InboundDelivery>;

  beforeAll(async () => {
    app = await startTestApp(); // points S3_ENDPOINT at the local S3 of globalSetup
    ({ smtp, nextDelivery } = await listenSmtp(DOMAIN, handler));
  });
  afterAll(async () => {
    await smtp?.stop();
    await app?.close();
  });
  beforeEach(() => handler.mockClear());

  const transport = () => createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

  it('stores the raw message in the local S3 and hands the handler an SES-shaped event', async () => {
    const from = uniqueEmail('sender');
    const arrived = nextDelivery();
    await transport().sendMail({ from: `Ada <${from}>`, to: `help@${DOMAIN}`, subject: 'Printer on fire', text: 'It burns.' });
    const delivery = await arrived;

    expect(delivery.key).toBe(`${INBOUND_PREFIX}${delivery.messageId}`);
    expect(delivery.messageId).toMatch(/^[a-z0-9]{40}$/);
    const raw = (await getRawMessage(INBOUND_BUCKET, delivery.key)).toString('utf8');
    expect(raw).toContain('Subject: Printer on fire');
    expect(raw).toContain('It burns.');

    expect(handler).toHaveBeenCalledTimes(1);
    const event = handler.mock.calls[0]![0] as SESEvent;
    expect(event.Records).toHaveLength(1);
    const record = event.Records[0]!;
    expect(record).toMatchObject({ eventSource: 'aws:ses', eventVersion: '1.0' });
    expect(record.ses.mail).toMatchObject({
      messageId: delivery.messageId,
      source: from,
      destination: [`help@${DOMAIN}`],
      headersTruncated: false,
      commonHeaders: { from: [`Ada <${from}>`], to: [`help@${DOMAIN}`], subject: 'Printer on fire' },
    });
    expect(record.ses.mail.headers).toEqual(expect.arrayContaining([{ name: 'Subject', value: 'Printer on fire' }]));
    expect(new Date(record.ses.mail.timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(record.ses.receipt).toMatchObject({
      recipients: [`help@${DOMAIN}`],
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'PASS' },
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'PASS' },
      dmarcVerdict: { status: 'PASS' },
      action: { type: 'Lambda', invocationType: 'Event' },
    });
  });

  it('refuses recipients outside the mail domain with 550, and calls no handler', async () => {
    await expect(transport().sendMail({ from: uniqueEmail(), to: 'someone@elsewhere.test', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    expect(handler).not.toHaveBeenCalled();
  });

  it('lets an 11 MB message through to the handler (which enforces the 10 MB rule) and refuses one over 12 MB', async () => {
    const arrived = nextDelivery();
    const eleven = 'x'.repeat(11 * 1024 * 1024);
    await transport().sendMail({ from: uniqueEmail(), to: `help@${DOMAIN}`, subject: 'big', text: 'see attachment', attachments: [{ filename: 'big.txt', content: eleven, contentTransferEncoding: '7bit' }] });
    const delivery = await arrived;
    expect((await getRawMessage(INBOUND_BUCKET, delivery.key)).length).toBeGreaterThan(11 * 1024 * 1024);
    expect(handler).toHaveBeenCalledTimes(1);

    handler.mockClear();
    const thirteen = 'x'.repeat(13 * 1024 * 1024);
    await expect(
      transport().sendMail({ from: uniqueEmail(), to: `help@${DOMAIN}`, subject: 'too big', text: 'x', attachments: [{ filename: 'huge.txt', content: thirteen, contentTransferEncoding: '7bit' }] }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(handler).not.toHaveBeenCalled();
  });

  it('with the real inbound handler, a message to a desk address becomes a request staff can list', async () => {
    const real = await startSmtpListener({ port: 0, mailDomain: process.env.MAIL_DOMAIN ?? DOMAIN, bucket: INBOUND_BUCKET, prefix: INBOUND_PREFIX, log: () => undefined });
    try {
      const desk = await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: 'HELP', projectName: 'Help desk', access: 'open' } });
      expect(desk.status).toBe(201);
      const customer = await app.createCustomer(uniqueEmail('mailer'));
      await createTransport({ host: '127.0.0.1', port: real.port, secure: false, ignoreTLS: true }).sendMail({
        from: customer.emailAddress,
        to: `help@${process.env.MAIL_DOMAIN ?? DOMAIN}`,
        subject: 'Sent by SMTP',
        text: 'Through the local listener.',
      });
      // The listener answers 250 only after the handler ran.
      const list = await app.call('GET', `/rest/servicedeskapi/request?requestOwnership=ALL_REQUESTS&serviceDeskId=${desk.body.id}`);
      expect(list.status).toBe(200);
      expect(list.body.values).toEqual([
        expect.objectContaining({ issueKey: 'HELP-1', reporter: expect.objectContaining({ emailAddress: customer.emailAddress }) }),
      ]);
      expect(JSON.stringify(list.body.values[0].requestFieldValues)).toContain('Sent by SMTP');
    } finally {
      await real.stop();
    }
  });
});
