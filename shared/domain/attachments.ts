/**
 * Attachments (JSM's two steps): a file is uploaded to a desk as a temporary attachment (through the API, or for a
 * large file by a presigned POST straight to S3 and then registered), then attached to a request by a comment. Who may
 * upload: whoever may read the desk. Who may attach: whoever may comment on the request, with uploads of their own.
 * Who may see and download: whoever the request's access rule admits (customers: attachments of public comments).
 */
import { randomUUID } from 'node:crypto';
import { BadRequest, Conflict, NotFound, PayloadTooLarge, ServiceUnavailable } from '#errors';
import { LIMITS } from '#model/limits';
import {
  attachmentsOfComment, getAttachment, getAttachmentTally, getUpload, getUploads, moveTallyItem, putAttachmentItem, putUploadItem, queryAttachments,
  registerUploadItem, takeUploadItem,
} from '#store/attachments';
import type { AttachmentRecord, AttachmentTally, TemporaryUploadRecord } from '#store/entities/attachment';
import { downloadUrl, inspectFile, keepFile, requestObjectKey, storeFile, temporaryObjectKey, uploadForm } from '#store/attachment-files';
import type { CommentRecord } from '#store/entities/comment';
import { getComment } from '#store/requests';
import { transactWrite } from '#store/transact';
import { deskForReader } from './desks';
import { SNIFF_BYTES, cleanFileName, contentDisposition, hasThumbnail, servedInline, sniffContentType } from './file-types';
import { commentOf } from './request-history';
import { addComment } from './request-conversation';
import { requestFor } from './requests';
import { actorId, type Caller } from '#model/caller';
import type { Page, PageRequest } from '#model/page';

/** A temporary upload can be attached for this long; the bucket's lifecycle removes its object a day after the upload. */
export const UPLOAD_VALIDITY_MS = 12 * 3600_000;
/** How long a download link (a presigned GET) works. */
export const DOWNLOAD_LINK_SECONDS = 300;
/** How long a presigned POST can be used. */
const UPLOAD_FORM_SECONDS = 900;

const newUpload = (caller: Caller, deskId: string, fileName: string, fields: Partial<TemporaryUploadRecord>): TemporaryUploadRecord => {
  const id = randomUUID();
  const now = Date.now();
  return {
    id,
    serviceDeskId: deskId,
    uploaderId: actorId(caller),
    fileName: cleanFileName(fileName, LIMITS.fileNameLength),
    state: 'ready',
    objectKey: temporaryObjectKey(id),
    createdAt: new Date(now).toISOString(),
    validUntil: now + UPLOAD_VALIDITY_MS,
    ...fields,
  };
};

/** A fresh upload's random id was taken: never in practice, and harmless to try again. */
const uploadNotRecorded = () => new Conflict('The upload could not be recorded; try again');

const checkSize = (size: number, what: string) => {
  if (size === 0) throw new BadRequest(`${what} is empty`, 'sd.attachment.error.empty');
  if (size > LIMITS.fileBytes) throw new PayloadTooLarge(LIMITS.fileBytes, what);
};

/** JSM's attachTemporaryFile: each file stored under the temporary prefix, then its item; one transaction for all. */
export const uploadTemporaryFiles = async (caller: Caller, deskRef: string, files: Array<{ fileName: string; declaredType: string; bytes: Buffer }>) => {
  const desk = await deskForReader(caller, deskRef);
  for (const f of files) checkSize(f.bytes.length, `The file "${f.fileName}"`);
  const uploads = files.map((f) => newUpload(caller, desk.id, f.fileName, { mimeType: sniffContentType(f.bytes.subarray(0, SNIFF_BYTES), f.declaredType), size: f.bytes.length }));
  // Objects first: an item never names an object that is not there (an object without an item just expires).
  await Promise.all(uploads.map((u, i) => storeFile(u.objectKey, files[i]!.bytes, u.mimeType!)));
  await transactWrite(uploads.map(putUploadItem), { upload: uploadNotRecorded });
  return uploads;
};

/** A file too large for the API: a presigned POST for one object of at most `size` bytes, and its pending upload. */
export const presignUpload = async (caller: Caller, deskRef: string, input: { fileName: string; size: number }) => {
  const desk = await deskForReader(caller, deskRef);
  checkSize(input.size, `The file "${input.fileName}"`);
  const upload = newUpload(caller, desk.id, input.fileName, { state: 'pending', maxBytes: input.size });
  const form = await uploadForm(upload.objectKey, { maxBytes: input.size, expiresInSeconds: UPLOAD_FORM_SECONDS });
  await transactWrite([putUploadItem(upload)], { upload: uploadNotRecorded });
  return { upload, form, expiresAt: new Date(Date.now() + UPLOAD_FORM_SECONDS * 1000).toISOString() };
};

const uploadNotFound = () => new NotFound('No temporary attachment with this id of yours, or it has expired', 'sd.attachment.error.temporary.not.found');

/**
 * After the browser POSTed the file to S3: the object is checked (there, within the size given) and sniffed, and the
 * upload becomes a temporary attachment. Registering again answers the same.
 */
export const registerUpload = async (caller: Caller, uploadId: string): Promise<TemporaryUploadRecord> => {
  const upload = await getUpload(uploadId);
  if (!upload || upload.uploaderId !== actorId(caller) || upload.validUntil <= Date.now() || upload.state === 'attached') throw uploadNotFound();
  if (upload.state === 'ready') return upload;
  const found = await inspectFile(upload.objectKey, SNIFF_BYTES);
  if (!found) throw new BadRequest('Nothing was uploaded for this temporary attachment yet: POST the file to the form first', 'sd.attachment.error.not.uploaded');
  // S3 enforces the policy's size range; checked again here (a local S3 does not).
  if (found.size > (upload.maxBytes ?? LIMITS.fileBytes)) throw new PayloadTooLarge(upload.maxBytes ?? LIMITS.fileBytes, 'The uploaded file');
  checkSize(found.size, 'The uploaded file');
  const registered = { size: found.size, mimeType: sniffContentType(found.head, '') };
  await transactWrite([registerUploadItem(upload, registered)], { upload: uploadNotFound });
  return { ...upload, ...registered, state: 'ready' };
};

// ---- Attaching ----------------------------------------------------------------------------------
export interface AttachInput {
  temporaryAttachmentIds: string[];
  public: boolean;
  additionalComment?: string | undefined;
}

/** JSM's comment for files attached without a comment of its own: a reference to each (wiki markup). */
const referencesOf = (uploads: TemporaryUploadRecord[]) => uploads.map((u) => (hasThumbnail(u.mimeType ?? '') ? `!${u.fileName}|thumbnail!` : `[^${u.fileName}]`)).join('\n');

/** The uploads named, as this caller may attach them to this request; or an earlier attach of all of them (a retry). */
const usableUploads = async (caller: Caller, issueId: string, deskId: string, ids: string[]) => {
  const found = new Map((await getUploads(ids)).map((u) => [u.id, u]));
  const now = Date.now();
  const mine = (u: TemporaryUploadRecord | undefined): u is TemporaryUploadRecord => u !== undefined && u.uploaderId === actorId(caller) && u.serviceDeskId === deskId;
  const uploads = ids.map((id) => found.get(id));
  const earlier = uploads.filter(mine).flatMap((u) => (u.attachedTo?.issueId === issueId ? [u.attachedTo.commentId] : []));
  if (earlier.length === ids.length && new Set(earlier).size === 1) return { retryOf: earlier[0]! };
  const unusable = ids.filter((_, i) => {
    const u = uploads[i];
    return !mine(u) || u.state !== 'ready' || u.validUntil <= now;
  });
  if (unusable.length > 0) {
    throw new BadRequest(
      `These temporary attachments do not exist, have expired, were attached already, were uploaded by someone else or to another service desk: ${unusable.join(', ')}`,
      'sd.attachment.error.temporary.invalid',
      unusable,
    );
  }
  return { uploads: uploads as TemporaryUploadRecord[] };
};

const checkRoom = (tally: AttachmentTally, uploads: TemporaryUploadRecord[]) => {
  if (tally.count + uploads.length > LIMITS.attachmentsPerRequest) {
    throw new BadRequest(`A request holds at most ${LIMITS.attachmentsPerRequest} attachments; this one has ${tally.count}`, 'sd.attachment.error.too.many');
  }
  const bytes = uploads.reduce((sum, u) => sum + (u.size ?? 0), 0);
  if (tally.bytes + bytes > LIMITS.attachmentBytesPerRequest) throw new PayloadTooLarge(LIMITS.attachmentBytesPerRequest, "The request's attachments together");
  return bytes;
};

/** Tries of the attach transaction when another writer moved the request's tally meanwhile. */
const ATTACH_ATTEMPTS = 3;
class TallyMoved extends Error {}

/**
 * JSM's createCommentWithAttachment: the files copied out of the temporary prefix, then one transaction writes the
 * comment, the attachments, the request's tally (limits and numbers) and takes each upload (once, by its uploader).
 * A call retried after its answer was lost finds its uploads attached by it, and answers what it made.
 */
export const attachFiles = async (caller: Caller, ref: string, input: AttachInput): Promise<{ comment: CommentRecord; attachments: AttachmentRecord[] }> => {
  const ids = [...new Set(input.temporaryAttachmentIds)];
  const found = await requestFor(caller, ref);
  const { request } = found;
  if (found.viewer === 'customer' && !input.public) throw new BadRequest('Customers can add public comments only', 'sd.request.error.internal.comment');
  for (let attempt = 1; attempt <= ATTACH_ATTEMPTS; attempt += 1) {
    // The uploads and the request's tally are read at once (one stage).
    const [usable, tally] = await Promise.all([usableUploads(caller, request.issueId, request.serviceDeskId, ids), getAttachmentTally(request.issueId)]);
    if (usable.retryOf !== undefined) {
      const comment = await getComment(request.issueId, usable.retryOf);
      if (!comment) throw new Conflict('These files are being attached; try again');
      return { comment, attachments: await attachmentsOfComment(request.issueId, comment.id) };
    }
    const { uploads } = usable;
    const bytes = checkRoom(tally, uploads);
    await Promise.all(uploads.map((u) => keepFile(u.objectKey, requestObjectKey(request.issueId, u.id))));
    const now = Date.now();
    let attachments: AttachmentRecord[] = [];
    try {
      const comment = await addComment(caller, request.issueId, { body: input.additionalComment?.trim() || referencesOf(uploads), public: input.public }, {
        found,
        extraItems: (c) => {
          attachments = uploads.map((u, i) => ({
            id: String(tally.count + i + 1), issueId: request.issueId, commentId: c.id, fileName: u.fileName, mimeType: u.mimeType ?? 'application/octet-stream',
            size: u.size ?? 0, public: c.public, authorId: c.authorId, createdAt: c.createdAt, objectKey: requestObjectKey(request.issueId, u.id),
          }));
          return [
            moveTallyItem(tally, { count: uploads.length, bytes }),
            ...attachments.map(putAttachmentItem),
            ...attachments.map((a, i) => takeUploadItem(uploads[i]!.id, actorId(caller), { issueId: request.issueId, commentId: c.id, attachmentId: a.id }, now)),
          ];
        },
        // The tally moved (another attach on the request) or an upload was taken meanwhile: read both again.
        extraRefusals: { attachmentTally: () => new TallyMoved(), upload: () => new TallyMoved(), attachment: () => new TallyMoved() },
      });
      return { comment, attachments };
    } catch (error) {
      if (!(error instanceof TallyMoved)) throw error;
    }
  }
  throw new ServiceUnavailable('Files are being attached to this request by someone else; try again in a moment');
};

// ---- Reading ------------------------------------------------------------------------------------
/** A page of the request's attachments the caller may see (customers: those of public comments). */
export const listAttachments = async (caller: Caller, ref: string, page: PageRequest): Promise<Page<AttachmentRecord>> => {
  const { request, viewer } = await requestFor(caller, ref);
  return queryAttachments(request.issueId, page, viewer === 'customer');
};

/** The attachments of one comment the caller may see (an internal comment is 404 to customers). */
export const listCommentAttachments = async (caller: Caller, ref: string, commentId: string) => {
  const comment = await commentOf(caller, ref, commentId);
  return { comment, attachments: await attachmentsOfComment(comment.issueId, comment.id) };
};

const attachmentNotFound = () => new NotFound('No attachment with this id on this request, or you may not see it', 'sd.attachment.error.not.found');

/**
 * Where to fetch an attachment's bytes: a short-lived presigned URL, issued only after the request's access rule
 * admitted the caller. Types that could run in a browser are served as a download of opaque bytes, never inline.
 */
export const attachmentLink = async (caller: Caller, ref: string, attachmentId: string, thumbnail: boolean): Promise<string> => {
  const { request, viewer } = await requestFor(caller, ref);
  const attachment = await getAttachment(request.issueId, attachmentId);
  if (!attachment || (viewer === 'customer' && !attachment.public) || (thumbnail && !hasThumbnail(attachment.mimeType))) throw attachmentNotFound();
  const inline = servedInline(attachment.mimeType);
  return downloadUrl(attachment.objectKey, {
    expiresInSeconds: DOWNLOAD_LINK_SECONDS,
    contentType: inline ? attachment.mimeType : 'application/octet-stream',
    contentDisposition: contentDisposition(inline ? 'inline' : 'attachment', attachment.fileName),
  });
};
