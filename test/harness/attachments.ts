/** Files for attachment tests: multipart bodies as JSM clients send them, and uploads and attaches through the API. */
import { randomUUID } from 'node:crypto';
import type { Answer, CallOptions, TestApp } from '#harness/app';

export interface TestFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/** A small PNG (1x1) and a small PDF: real magic numbers, so sniffing sees what they are. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export const multipartBody = (files: TestFile[], field = 'file') => {
  const boundary = `----test${randomUUID()}`;
  const parts = files.flatMap((f) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
    f.bytes,
    Buffer.from('\r\n'),
  ]);
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
};

/** JSM's attachTemporaryFile, with the XSRF header JSM requires. */
export const uploadFiles = (app: TestApp, who: CallOptions, deskId: string, files: TestFile[]): Promise<Answer> => {
  const { body, contentType } = multipartBody(files);
  return app.call('POST', `/rest/servicedeskapi/servicedesk/${deskId}/attachTemporaryFile`, {
    ...who,
    rawBody: body,
    headers: { ...who.headers, 'content-type': contentType, 'x-atlassian-token': 'no-check' },
  });
};

/** One file uploaded; its temporaryAttachmentId, or undefined when the upload was refused. */
export const uploadOne = async (app: TestApp, who: CallOptions, deskId: string, file: TestFile = { name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('hello') }) => {
  const answer = await uploadFiles(app, who, deskId, [file]);
  return answer.status === 201 ? (answer.body.temporaryAttachments[0].temporaryAttachmentId as string) : undefined;
};

/** Uploaded and attached to a request with a public comment; the answer of the attach. */
export const attachOne = async (app: TestApp, who: CallOptions, deskId: string, issueKey: string, file?: TestFile): Promise<Answer> => {
  const id = await uploadOne(app, who, deskId, file);
  if (!id) throw new Error('attachOne: the upload was refused');
  return app.call('POST', `/rest/servicedeskapi/request/${issueKey}/attachment`, { ...who, body: { temporaryAttachmentIds: [id], public: true } });
};
