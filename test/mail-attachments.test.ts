/**
 * The files of inbound mail: a message with a PDF attachment and an inline image, sent over SMTP to the local
 * listener (what SES receiving is in AWS), becomes a request whose attachments are listed and downloadable; a reply's
 * files land on its comment; a redelivery adds nothing; a reply racing an attach is retried, not lost; a message with
 * a virus keeps nothing.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createTransport } from 'nodemailer';
import { getObject } from '#s3';
import { dynamo } from '#store/client';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { PDF, PNG, attachOne } from '#harness/attachments';
import { createDesk, type Desk } from '#harness/desks';
import { deliver, deskAddress, listenSmtp, PASS } from '#harness/mail';
import type { InboundDelivery, RunningSmtp } from '#local/smtp';
import { ATTACHMENTS_BUCKET } from '#local/s3';

let app: TestApp;
let smtp: RunningSmtp;
let desk: Desk;
let nextDelivery: () => Promise<InboundDelivery>;

beforeAll(async () => {
  app = await startTestApp();
  desk = await createDesk(app, 'open');
  ({ smtp, nextDelivery } = await listenSmtp(process.env.MAIL_DOMAIN ?? 'mail.localhost'));
});
afterAll(async () => {
  await smtp?.stop();
  await app?.close();
});
afterEach(() => jest.restoreAllMocks());

const logEntry = async (id: string) => (await app.call('GET', '/rest/admin/1/mail?limit=100')).body.values.find((e: { id: string }) => e.id === id);
const attachmentsOf = async (issueKey: string) => (await app.call('GET', `/rest/servicedeskapi/request/${issueKey}/attachment`)).body.values as Array<Record<string, any>>;
const download = async (contentLink: string) => {
  const redirect = await app.call('GET', new URL(contentLink).pathname);
  expect(redirect.status).toBe(303);
  return Buffer.from(await (await fetch(redirect.headers.get('location')!)).arrayBuffer());
};

it('a mail with a PDF attachment and an inline image, sent over SMTP, becomes a request with both files, names decoded', async () => {
  const from = uniqueEmail('mailer');
  const arrived = nextDelivery();
  await createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }).sendMail({
    from: `Ada <${from}>`,
    to: deskAddress(desk),
    subject: 'Broken printer',
    text: 'See the photo and the report.',
    html: '<p>See the photo <img src="cid:photo@example"> and the report.</p>',
    attachments: [
      // A non-ASCII name: nodemailer writes it RFC 2231-encoded (filename*=utf-8''...).
      { filename: 'Prüfbericht März.pdf', content: PDF, contentType: 'application/pdf' },
      { filename: 'photo.png', content: PNG, contentType: 'image/png', cid: 'photo@example' },
    ],
  });
  const { messageId } = await arrived;
  const entry = await logEntry(messageId);
  expect(entry).toMatchObject({ outcome: 'accepted', reason: expect.stringContaining('2 attachment(s)') });

  // In the order of the message: nodemailer puts the inline image beside the HTML, before the attachment.
  const files = await attachmentsOf(entry.issueKey);
  expect(files.map((f) => [f.filename, f.mimeType, f.size])).toEqual([
    ['photo.png', 'image/png', PNG.length],
    ['Prüfbericht März.pdf', 'application/pdf', PDF.length],
  ]);
  const [photo, report] = files;
  expect(report!.author.emailAddress).toBe(from);
  expect(await download(report!._links.content)).toEqual(PDF);
  expect(await download(photo!._links.thumbnail)).toEqual(PNG);
});

it("a reply's files land on its comment with RFC 2047 names; a redelivery of the same message adds nothing", async () => {
  const from = uniqueEmail('replier');
  const first = await deliver(Buffer.from(`From: ${from}\r\nTo: ${deskAddress(desk)}\r\nSubject: Screen flickers\r\nMessage-ID: <first@example.test>\r\n\r\nSince Monday.\r\n`), desk);
  const issueKey = first.entry.issueKey!;
  const boundary = 'b1';
  const reply = Buffer.from(
    [
      `From: ${from}`, `To: ${deskAddress(desk)}`, `Subject: Re: [${issueKey}] Screen flickers`, 'In-Reply-To: <first@example.test>', 'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`, 'Content-Type: text/plain', '', 'A video of it.', `--${boundary}`,
      'Content-Type: application/octet-stream; name="=?UTF-8?B?w6ljcmFuLnBkZg==?="', 'Content-Disposition: attachment; filename="=?UTF-8?B?w6ljcmFuLnBkZg==?="',
      'Content-Transfer-Encoding: base64', '', PDF.toString('base64'), `--${boundary}--`, '',
    ].join('\r\n'),
  );
  const sesMessageId = 'reply-with-file-' + Date.now();
  const answered = await deliver(reply, desk, { sesMessageId });
  expect(answered.entry).toMatchObject({ outcome: 'commented', issueKey });
  const again = await deliver(reply, desk, { sesMessageId });
  expect(again.duplicate).toBe(true);

  const files = await attachmentsOf(issueKey);
  expect(files.map((f) => [f.filename, f.mimeType])).toEqual([['écran.pdf', 'application/pdf']]);
  const ofComment = await app.call('GET', `/rest/servicedeskapi/request/${issueKey}/comment/${answered.entry.commentId}/attachment`);
  expect(ofComment.body.values.map((f: { filename: string }) => f.filename)).toEqual(['écran.pdf']);
});

it("a reply whose request's files moved meanwhile (an attach through the API) fails its delivery (503) and is kept on the redelivery", async () => {
  const from = uniqueEmail('racer');
  const first = await deliver(Buffer.from(`From: ${from}\r\nTo: ${deskAddress(desk)}\r\nSubject: Fan noise\r\n\r\nLoud.\r\n`), desk);
  const issueKey = first.entry.issueKey!;
  const reply = Buffer.from(
    [
      `From: ${from}`, `To: ${deskAddress(desk)}`, `Subject: Re: [${issueKey}] Fan noise`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="r"', '',
      '--r', 'Content-Type: text/plain', '', 'A recording.', '--r', 'Content-Type: application/pdf; name="noise.pdf"', 'Content-Transfer-Encoding: base64', '',
      PDF.toString('base64'), '--r--', '',
    ].join('\r\n'),
  );
  // The reply read the request's tally before an agent's attach landed: it still sees no files.
  expect((await attachOne(app, { as: app.admin }, desk.id, issueKey)).status).toBe(201);
  const client = dynamo();
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  jest.spyOn(client, 'send').mockImplementation((async (command: { input?: { Key?: { sk?: string } } }) =>
    command instanceof GetCommand && command.input?.Key?.sk === 'ATTACHMENTS' ? { Item: undefined } : send(command)) as never);
  const sesMessageId = 'racing-reply-' + Date.now();
  await expect(deliver(reply, desk, { sesMessageId })).rejects.toMatchObject({ statusCode: 503 });
  // Neither refused nor half-kept: nothing of the reply is on the request.
  expect(await logEntry(sesMessageId)).toBeUndefined();
  expect((await attachmentsOf(issueKey)).map((f) => f.filename)).toEqual(['notes.txt']);

  jest.restoreAllMocks();
  const redelivered = await deliver(reply, desk, { sesMessageId });
  expect(redelivered.entry).toMatchObject({ outcome: 'commented', issueKey, reason: expect.stringContaining('1 attachment(s)') });
  expect((await attachmentsOf(issueKey)).map((f) => f.filename)).toEqual(['notes.txt', 'noise.pdf']);
});

it('a message whose SES virus verdict is FAIL is refused and keeps nothing', async () => {
  const sesMessageId = 'virus-' + Date.now();
  const raw = Buffer.from(
    [
      `From: ${uniqueEmail('infected')}`, `To: ${deskAddress(desk)}`, 'Subject: Invoice', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="v"', '',
      '--v', 'Content-Type: text/plain', '', 'Open it.', '--v', 'Content-Type: application/pdf; name="invoice.pdf"', 'Content-Transfer-Encoding: base64', '',
      PDF.toString('base64'), '--v--', '',
    ].join('\r\n'),
  );
  const { entry } = await deliver(raw, desk, { sesMessageId, verdicts: { ...PASS, virus: 'FAIL' } });
  expect(entry).toMatchObject({ outcome: 'rejected' });
  expect(entry.issueKey).toBeUndefined();
  expect(await getObject(ATTACHMENTS_BUCKET, `mail/${sesMessageId}/2`)).toBeUndefined();
});
