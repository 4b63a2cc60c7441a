/**
 * What attachments cost (the attachments issue): the upload path (attachTemporaryFile through the API; a presigned
 * POST and its registration for large files), attaching with a comment, listing, and the download path (the access
 * check, then a 303 to a presigned URL). DynamoDB round trips come from the store's meter as for every operation;
 * S3 requests are counted by an observer on the signed calls' transport (`awsHttp` of shared/sigv4.ts), with the stages they
 * add: S3 calls never overlap DynamoDB calls in these paths, so a path's stages are the two added.
 */
import { randomUUID } from 'node:crypto';
import { awsHttp } from '#sigv4';
import { issueSession } from '#domain/sessions';
import { getAccount } from '#store/accounts';
import { stagesOf, type Harness, type OperationResult, type Sample } from './harness';

export const ATTACHMENT_SIZES = { warmUp: 2, samples: 10, fileBytes: 100 * 1024 } as const;

export interface S3Cost {
  /** S3 requests of the costliest sample. */
  requests: number;
  /** S3 requests made one after the other. */
  stages: number;
}

export interface AttachmentResults {
  operations: Record<string, OperationResult & { s3: S3Cost }>;
}

/** A PDF of the given size (a real header, so the sniffer sees a PDF). */
const pdfOf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(bytes - 9, 0x20)]);

const multipart = (name: string, bytes: Buffer) => {
  const boundary = `----bench${randomUUID()}`;
  return {
    body: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-atlassian-token': 'no-check' },
  };
};

/** Counts the S3 requests (by their endpoint) made while `work` runs, with their time spans. */
const s3Observed = async <T>(work: () => Promise<T>): Promise<{ value: T; s3: S3Cost }> => {
  const endpoint = process.env.S3_ENDPOINT;
  if (!endpoint) throw new Error('the attachment bench needs the local S3 (S3_ENDPOINT)');
  const original = awsHttp.send;
  const spans: Array<{ start: number; end: number }> = [];
  awsHttp.send = async (url, ...rest) => {
    if (!url.href.startsWith(endpoint)) return original(url, ...rest);
    const span = { start: performance.now(), end: Number.POSITIVE_INFINITY };
    spans.push(span);
    try {
      return await original(url, ...rest);
    } finally {
      span.end = performance.now();
    }
  };
  try {
    return { value: await work(), s3: { requests: spans.length, stages: stagesOf(spans) } };
  } finally {
    awsHttp.send = original;
  }
};

export const measureAttachmentOperations = async (h: Harness): Promise<AttachmentResults> => {
  const S = ATTACHMENT_SIZES;
  // ---- Setup (unmetered): an open desk, a customer with a session, a request of theirs. ----
  const desk = await h.setup<{ id: string }>('POST', '/rest/admin/1/servicedesk', 201, { projectKey: 'BATT', projectName: 'Bench attachments', access: 'open' });
  const types = await h.setup<{ values: Array<{ id: string }> }>('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`, 200);
  const created = await h.setup<{ accountId: string }>('POST', '/rest/servicedeskapi/customer', 201, { email: 'bench.attacher@example.test', displayName: 'Bench Attacher' });
  const account = await getAccount(created.accountId);
  if (!account) throw new Error(`no account ${created.accountId}`);
  const customer = `Bearer ${(await issueSession(account)).token}`;
  const sessionAuth = await h.authCost(customer, 'signedIn');
  const request = (await h.callAs(customer, 'POST', '/rest/servicedeskapi/request', 201, { serviceDeskId: desk.id, requestTypeId: types.values[0]?.id, requestFieldValues: { summary: 'Bench files' } })).body as { issueKey: string };
  const file = pdfOf(S.fileBytes);

  const operations: AttachmentResults['operations'] = {};
  const measure = async (key: string, request: string, what: string, one: (i: number) => Promise<Sample>) => {
    const all: Array<{ sample: Sample; s3: S3Cost }> = [];
    for (let i = 0; i < S.warmUp + S.samples; i += 1) {
      const { value, s3 } = await s3Observed(() => one(i));
      all.push({ sample: value, s3 });
    }
    const kept = all.slice(S.warmUp);
    const s3 = { requests: Math.max(...kept.map((k) => k.s3.requests)), stages: Math.max(...kept.map((k) => k.s3.stages)) };
    operations[key] = { ...h.summarize(request, what, kept.map((k) => k.sample), sessionAuth), s3 };
    // Every answer, warm-up included: later steps use what each call made.
    return all.map((k) => k.sample.body);
  };

  const uploadPath = `/rest/servicedeskapi/servicedesk/${desk.id}/attachTemporaryFile`;
  const uploaded = (await measure('attachmentUpload', `POST ${uploadPath}`, `upload one ${S.fileBytes / 1024} KB file (customer, attachTemporaryFile)`, (i) => {
    const { body, headers } = multipart(`report-${i}.pdf`, file);
    return h.callAs(customer, 'POST', uploadPath, 201, { raw: body, headers });
  })) as Array<{ temporaryAttachments: Array<{ temporaryAttachmentId: string }> }>;
  const ids = uploaded.map((u) => u.temporaryAttachments[0]!.temporaryAttachmentId);

  const attachPath = `/rest/servicedeskapi/request/${request.issueKey}/attachment`;
  const attached = (await measure('attachmentAttach', `POST ${attachPath}`, 'attach one file with a comment (customer, public)', (i) =>
    h.callAs(customer, 'POST', attachPath, 201, { temporaryAttachmentIds: [ids[i]], public: true }),
  )) as Array<{ attachments: { values: Array<{ _links: { content: string } }> } }>;

  await measure('attachmentList', `GET ${attachPath}`, "a request's attachments (customer)", () => h.callAs(customer, 'GET', attachPath, 200));

  const content = new URL(attached[0]!.attachments.values[0]!._links.content).pathname;
  await measure('attachmentDownload', `GET ${content}`, 'download: access check, then 303 to a presigned URL (customer)', () => h.callAs(customer, 'GET', content, 303));

  const formPath = `/rest/portal/1/servicedesk/${desk.id}/upload`;
  const forms = (await measure('attachmentUploadForm', `POST ${formPath}`, 'large file, step 1: a presigned POST (customer)', () =>
    h.callAs(customer, 'POST', formPath, 201, { fileName: 'big.pdf', size: file.length }),
  )) as Array<{ temporaryAttachmentId: string; url: string; fields: Record<string, string> }>;
  for (const form of forms) {
    const post = new FormData();
    for (const [name, value] of Object.entries(form.fields)) post.append(name, value);
    post.append('file', new Blob([file]), 'big.pdf');
    const answer = await fetch(form.url, { method: 'POST', body: post });
    if (answer.status !== 204) throw new Error(`presigned POST answered ${answer.status}`);
  }
  await measure('attachmentRegister', 'POST /rest/portal/1/upload/{temporaryAttachmentId}', 'large file, step 2: register the POSTed object (customer)', (i) =>
    h.callAs(customer, 'POST', `/rest/portal/1/upload/${forms[i]!.temporaryAttachmentId}`, 201),
  );
  return { operations };
};
