/** Our MIME, as a real parser (the local SES's) reads it: threading headers, both bodies, non-ASCII text. */
import { composeMime } from '#mail/mime';
import { sendMail, ses, SesError } from '#mail/ses';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

it('sends a message whose subject and bodies survive encoding', async () => {
  const to = uniqueEmail('mime');
  const id = await sendMail({
    to,
    subject: 'Ünïcödé subject — 日本語',
    text: 'Grüße\nline two',
    html: '<p>Grüße &amp; 日本語</p>',
    messageId: '<thread-1-abc@mail.localhost>',
    inReplyTo: '<thread-1@mail.localhost>',
  });
  expect(id).toEqual(expect.any(String));
  const [mail] = await app.inbox(to);
  expect(mail?.subject).toBe('Ünïcödé subject — 日本語');
  expect(mail?.body.text?.trim()).toBe('Grüße\nline two');
  expect(mail?.body.html).toContain('<p>Grüße &amp; 日本語</p>');
});

it('answers what SES refuses as an error with its status, and its code when SES gives one', async () => {
  const refused = await ses.call('SendRawEmail', {}).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(SesError);
  expect(refused).toMatchObject({ status: 400 });
});

it('refuses a header value that would inject another header', async () => {
  await expect(sendMail({ to: 'x@example.test\r\nBcc: victim@example.test', subject: 's', text: 't', html: 'h' })).rejects.toThrow(/one line/);
});

it('writes the threading and automatic-mail headers (the local SES does not keep headers, so read the raw message)', () => {
  const raw = composeMime({
    from: 'no-reply@mail.localhost',
    to: 'a@example.test',
    subject: '[HELP-1] Printer',
    text: 't',
    html: 'h',
    messageId: '<request-1-x@mail.localhost>',
    inReplyTo: '<request-1@mail.localhost>',
    headers: { 'Auto-Submitted': 'auto-generated', 'X-ServiceDesk-Loop': 'mail.localhost' },
  }).toString('utf8');
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n');
  expect(head).toEqual(
    expect.arrayContaining([
      'Message-ID: <request-1-x@mail.localhost>',
      'In-Reply-To: <request-1@mail.localhost>',
      'References: <request-1@mail.localhost>',
      'Auto-Submitted: auto-generated',
      'X-ServiceDesk-Loop: mail.localhost',
      'Subject: [HELP-1] Printer',
    ]),
  );
});
