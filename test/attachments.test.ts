/**
 * Attachments through the JSM API, over the local S3 (s3rver): upload to a desk, attach to a request with a comment,
 * list, and download through the request's access rule. Who gets what on every route is also in the authorization
 * matrix; here the behaviour behind it.
 */
import { startTestApp, type CallOptions, type TestApp } from '#harness/app';
import { PDF, PNG, attachOne, uploadFiles, uploadOne } from '#harness/attachments';
import { buildWorld, callAs, type CallerKind, type World } from '#harness/world';

let app: TestApp;
let w: World;
beforeAll(async () => {
  app = await startTestApp();
  w = await buildWorld(app);
}, 120_000);
afterAll(() => app.close());

const who = (kind: CallerKind): CallOptions => callAs(w.as[kind]);
const request = (key: string) => `/rest/servicedeskapi/request/${key}`;

it('a customer uploads a PDF and an image and attaches them with a comment: JSM shapes, listed, downloaded through short-lived links', async () => {
  const key = await w.freshRequest();
  const uploaded = await uploadFiles(app, who('reporter'), w.R.id, [
    { name: 'report.pdf', type: 'application/octet-stream', bytes: PDF },
    { name: 'écran.png', type: 'image/png', bytes: PNG },
  ]);
  expect(uploaded.status).toBe(201);
  expect(uploaded.body.temporaryAttachments.map((t: { fileName: string }) => t.fileName)).toEqual(['report.pdf', 'écran.png']);
  const ids = uploaded.body.temporaryAttachments.map((t: { temporaryAttachmentId: string }) => t.temporaryAttachmentId);

  const attached = await app.call('POST', `${request(key)}/attachment`, { ...who('reporter'), body: { temporaryAttachmentIds: ids, public: true, additionalComment: { body: 'Screenshots attached' } } });
  expect(attached.status).toBe(201);
  expect(attached.body.comment).toMatchObject({ body: 'Screenshots attached', public: true });
  expect(attached.body.attachments).toMatchObject({ size: 2, isLastPage: true });
  const [pdf, png] = attached.body.attachments.values;
  // The type comes from the bytes: the PDF was declared application/octet-stream.
  expect(pdf).toMatchObject({ filename: 'report.pdf', mimeType: 'application/pdf', size: PDF.length, author: { accountId: w.ids.reporter } });
  expect(pdf._links.thumbnail).toBeUndefined();
  expect(png).toMatchObject({ filename: 'écran.png', mimeType: 'image/png', _links: { thumbnail: `${png._links.content}/thumbnail` } });

  for (const viewer of ['reporter', 'agent', 'admin', 'participant'] as const) {
    const list = await app.call('GET', `${request(key)}/attachment`, who(viewer));
    expect(list.body.values.map((a: { filename: string }) => a.filename)).toEqual(['report.pdf', 'écran.png']);
  }
  const ofComment = await app.call('GET', `${request(key)}/comment/${attached.body.comment.id}/attachment`, who('agent'));
  expect(ofComment.body.values.map((a: { size: number }) => a.size)).toEqual([PDF.length, PNG.length]);

  const content = await app.call('GET', new URL(pdf._links.content).pathname, who('participant'));
  expect(content.status).toBe(303);
  const link = new URL(content.headers.get('location')!);
  expect(Number(link.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
  const file = await fetch(link);
  expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
  expect(file.headers.get('content-type')).toBe('application/pdf');
  expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="report.pdf"/);
  const thumbnail = await app.call('GET', new URL(png._links.thumbnail).pathname, who('reporter'));
  expect(thumbnail.status).toBe(303);
  expect(Buffer.from(await (await fetch(thumbnail.headers.get('location')!)).arrayBuffer())).toEqual(PNG);
  expect((await app.call('GET', `${new URL(pdf._links.content).pathname}/thumbnail`, who('reporter'))).status).toBe(404);
});

it('another customer, an agent of another desk and a caller without credentials get nothing of the files', async () => {
  const key = await w.freshRequest();
  const { body } = await attachOne(app, who('reporter'), w.R.id, key, { name: 'secret.pdf', type: 'application/pdf', bytes: PDF });
  const paths = [`${request(key)}/attachment`, new URL(body.attachments.values[0]._links.content).pathname, `${request(key)}/comment/${body.comment.id}/attachment`];
  for (const path of paths) {
    expect((await app.call('GET', path, who('customer'))).status).toBe(404);
    expect((await app.call('GET', path, who('otherAgent'))).status).toBe(404);
    expect((await app.call('GET', path, who('anonymous'))).status).toBe(401);
  }
  // Nor can they attach anything to it, even a file of their own.
  const own = await uploadOne(app, who('customer'), w.R.id);
  expect((await app.call('POST', `${request(key)}/attachment`, { ...who('customer'), body: { temporaryAttachmentIds: [own] } })).status).toBe(404);
});

it('a temporary attachment is attached once, by its uploader only; a retried attach answers what the first made', async () => {
  const [first, second] = [await w.freshRequest(), await w.freshRequest()];
  const id = await uploadOne(app, who('reporter'), w.R.id);
  // The participant sees the request but did not upload the file.
  const stolen = await app.call('POST', `${request(first)}/attachment`, { ...who('participant'), body: { temporaryAttachmentIds: [id] } });
  expect(stolen.status).toBe(400);
  const attached = await app.call('POST', `${request(first)}/attachment`, { ...who('reporter'), body: { temporaryAttachmentIds: [id] } });
  expect(attached.status).toBe(201);
  const again = await app.call('POST', `${request(first)}/attachment`, { ...who('reporter'), body: { temporaryAttachmentIds: [id] } });
  expect(again.body.comment.id).toBe(attached.body.comment.id);
  expect((await app.call('GET', `${request(first)}/attachment`, who('reporter'))).body.size).toBe(1);
  expect((await app.call('POST', `${request(second)}/attachment`, { ...who('reporter'), body: { temporaryAttachmentIds: [id] } })).status).toBe(400);
  // Without a comment of its own, the comment refers to the file as JSM does.
  expect(attached.body.comment.body).toBe('[^notes.txt]');
});

it('an agent attaches internally: customers see neither the comment nor its file', async () => {
  const key = await w.freshRequest();
  const id = await uploadOne(app, who('agent'), w.R.id, { name: 'diagnosis.png', type: 'image/png', bytes: PNG });
  const attached = await app.call('POST', `${request(key)}/attachment`, { ...who('agent'), body: { temporaryAttachmentIds: [id], public: false } });
  expect(attached.status).toBe(201);
  const content = new URL(attached.body.attachments.values[0]._links.content).pathname;
  expect((await app.call('GET', `${request(key)}/attachment`, who('reporter'))).body.values).toEqual([]);
  expect((await app.call('GET', content, who('reporter'))).status).toBe(404);
  expect((await app.call('GET', `${request(key)}/comment/${attached.body.comment.id}/attachment`, who('reporter'))).status).toBe(404);
  expect((await app.call('GET', content, who('agent'))).status).toBe(303);
  // Customers comment in public only, with files too.
  const mine = await uploadOne(app, who('reporter'), w.R.id);
  expect((await app.call('POST', `${request(key)}/attachment`, { ...who('reporter'), body: { temporaryAttachmentIds: [mine], public: false } })).status).toBe(400);
});

it('HTML disguised as a PDF, SVG and executables are served only as downloads of opaque bytes', async () => {
  const key = await w.freshRequest();
  const files = [
    { name: 'invoice.pdf', type: 'application/pdf', bytes: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>') },
    { name: 'logo.svg', type: 'image/svg+xml', bytes: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
    { name: 'setup.exe', type: 'application/octet-stream', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]) },
  ];
  const ids = (await uploadFiles(app, who('reporter'), w.R.id, files)).body.temporaryAttachments.map((t: { temporaryAttachmentId: string }) => t.temporaryAttachmentId);
  const attached = await app.call('POST', `${request(key)}/attachment`, { ...who('reporter'), body: { temporaryAttachmentIds: ids } });
  expect(attached.body.attachments.values.map((a: { mimeType: string }) => a.mimeType)).toEqual(['text/html', 'image/svg+xml', 'application/x-msdownload']);
  for (const a of attached.body.attachments.values) {
    const answer = await app.call('GET', new URL(a._links.content).pathname, who('reporter'));
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    const file = await fetch(answer.headers.get('location')!);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
    await file.arrayBuffer();
  }
});

it('refuses uploads without the XSRF header, of another type, empty, too large or too many, changing nothing', async () => {
  const path = `/rest/servicedeskapi/servicedesk/${w.R.id}/attachTemporaryFile`;
  const file = { name: 'a.txt', type: 'text/plain', bytes: Buffer.from('a') };
  const noToken = await app.call('POST', path, { ...who('reporter'), rawBody: 'x', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
  expect(noToken.status).toBe(403);
  expect((await app.call('POST', path, { ...who('reporter'), body: { file: 'a' }, headers: { 'x-atlassian-token': 'no-check' } })).status).toBe(415);
  expect((await uploadFiles(app, who('reporter'), w.R.id, [{ ...file, bytes: Buffer.alloc(0) }])).status).toBe(400);
  expect((await uploadFiles(app, who('reporter'), w.R.id, Array.from({ length: 11 }, () => file))).status).toBe(400);
  const big = await uploadFiles(app, who('reporter'), w.R.id, [{ ...file, bytes: Buffer.alloc(4 * 1024 * 1024 + 1, 'a') }]);
  expect(big.status).toBe(413);
  expect(big.body.errorMessage).toMatch(/larger than 4194304 bytes/);
  const key = await w.freshRequest();
  const tooMany = Array.from({ length: 21 }, (_, i) => `id-${i}`);
  expect((await app.call('POST', `${request(key)}/attachment`, { ...who('reporter'), body: { temporaryAttachmentIds: tooMany } })).status).toBe(400);
  expect((await app.call('POST', `${request(key)}/attachment`, { ...who('reporter'), body: { temporaryAttachmentIds: ['id-1'], colour: 'red' } })).status).toBe(400);
});

it('a file too large for the API goes straight to S3 by a presigned POST, is registered, then attached', async () => {
  const key = await w.freshRequest();
  const bytes = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]);
  const form = await app.call('POST', `/rest/portal/1/servicedesk/${w.R.id}/upload`, { ...who('reporter'), body: { fileName: 'big.pdf', size: bytes.length } });
  expect(form.status).toBe(201);
  const register = `/rest/portal/1/upload/${form.body.temporaryAttachmentId}`;
  expect((await app.call('POST', register, who('reporter'))).status).toBe(400);
  const post = new FormData();
  for (const [name, value] of Object.entries(form.body.fields as Record<string, string>)) post.append(name, value);
  post.append('file', new Blob([bytes]), 'big.pdf');
  expect((await fetch(form.body.url, { method: 'POST', body: post })).status).toBe(204);
  // Only its uploader registers it.
  expect((await app.call('POST', register, who('participant'))).status).toBe(404);
  const registered = await app.call('POST', register, who('reporter'));
  expect(registered.body).toEqual({ temporaryAttachments: [{ temporaryAttachmentId: form.body.temporaryAttachmentId, fileName: 'big.pdf' }] });
  const attached = await app.call('POST', `${request(key)}/attachment`, { ...who('reporter'), body: { temporaryAttachmentIds: [form.body.temporaryAttachmentId] } });
  expect(attached.body.attachments.values[0]).toMatchObject({ filename: 'big.pdf', mimeType: 'application/pdf', size: bytes.length });
});

it('a temporary attachment not attached within its validity cannot be attached any more', async () => {
  const key = await w.freshRequest();
  const admin = { as: app.admin };
  const id = await uploadOne(app, admin, w.R.id);
  const later = Date.now() + 13 * 3600_000;
  const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
  try {
    expect((await app.call('POST', `${request(key)}/attachment`, { ...admin, body: { temporaryAttachmentIds: [id] } })).status).toBe(400);
  } finally {
    clock.mockRestore();
  }
});
