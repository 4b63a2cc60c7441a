/**
 * Attachments: files on a request, each made by a comment (JSM attaches files through a comment) or with a request
 * raised by email, their bytes in the attachments bucket and their metadata here. Three kinds of item:
 * - the attachment, on its request's partition (`ATTACHMENT#<n>`), numbered per request;
 * - the request's tally (`ATTACHMENTS`): how many attachments and bytes it holds, the source of the numbers, and the
 *   item whose condition keeps the per-request limits (and the numbering) right under concurrent writers;
 * - a temporary upload (`UPLOAD#<id>`), a file uploaded but not attached yet: it expires (TTL backstop, the bucket's
 *   lifecycle for its object), and is attached once, by its uploader, in the transaction that makes the attachment.
 */
import * as z from 'zod/mini';
import { reader, sortableId, type Keys } from './item';
import { requestKeys } from './request';

export const attachmentSchema = z.object({
  /** Numbered per request: "1", "2", ... */
  id: z.string(),
  issueId: z.string(),
  /** The comment that attached it; none for the files of a request raised by email (they came with its description). */
  commentId: z.optional(z.string()),
  /** The name it was uploaded or mailed under (RFC 2231/2047 decoded for mail). */
  fileName: z.string(),
  /** Sniffed from the bytes where the format is known, else the type declared by the uploader or the mail. */
  mimeType: z.string(),
  size: z.number(),
  /** Visible to customers: the comment that attached it is public. */
  public: z.boolean(),
  authorId: z.string(),
  createdAt: z.string(),
  /** The object in the attachments bucket. */
  objectKey: z.string(),
});
export type AttachmentRecord = z.infer<typeof attachmentSchema>;
export const toAttachment = reader(attachmentSchema);

export const ATTACHMENT_ENTITY = 'attachment';
export const ATTACHMENT_SORT_PREFIX = 'ATTACHMENT#';
export const attachmentKeys = (issueId: string, id: string): Keys => ({ pk: requestKeys(issueId).pk, sk: `${ATTACHMENT_SORT_PREFIX}${sortableId(id)}` });
/** `isPublic`: a copy of `public` that list filters name (`public` is a reserved word). */
export const attachmentItem = (a: AttachmentRecord) => ({ ...attachmentKeys(a.issueId, a.id), entity: ATTACHMENT_ENTITY, ...a, isPublic: a.public });

// ---- A request's tally --------------------------------------------------------------------------
export const attachmentTallySchema = z.object({ issueId: z.string(), count: z.number(), bytes: z.number() });
export type AttachmentTally = z.infer<typeof attachmentTallySchema>;
export const toAttachmentTally = reader(attachmentTallySchema);
export const TALLY_ENTITY = 'attachmentTally';
export const attachmentTallyKeys = (issueId: string): Keys => ({ pk: requestKeys(issueId).pk, sk: 'ATTACHMENTS' });
export const attachmentTallyItem = (t: AttachmentTally) => ({ ...attachmentTallyKeys(t.issueId), entity: TALLY_ENTITY, ...t });

// ---- Temporary upload ---------------------------------------------------------------------------
export const UPLOAD_STATES = ['pending', 'ready', 'attached'] as const;
export const temporaryUploadSchema = z.object({
  /** The temporaryAttachmentId: random, opaque. */
  id: z.string(),
  serviceDeskId: z.string(),
  /** Only they may attach it. */
  uploaderId: z.string(),
  fileName: z.string(),
  /** `pending`: a presigned POST was handed out and the object is not registered yet. */
  state: z.enum(UPLOAD_STATES),
  mimeType: z.optional(z.string()),
  size: z.optional(z.number()),
  /** A pending upload's limit (the POST policy's). */
  maxBytes: z.optional(z.number()),
  objectKey: z.string(),
  createdAt: z.string(),
  /** Milliseconds: after this it cannot be attached (the TTL below is only a backstop). */
  validUntil: z.number(),
  /** Once attached: where. A retried attach finds it here. */
  attachedTo: z.optional(z.object({ issueId: z.string(), commentId: z.string(), attachmentId: z.string() })),
});
export type TemporaryUploadRecord = z.infer<typeof temporaryUploadSchema>;
export const toTemporaryUpload = reader(temporaryUploadSchema);
export const UPLOAD_ENTITY = 'temporaryUpload';
export const temporaryUploadKeys = (id: string): Keys => ({ pk: `UPLOAD#${id}`, sk: 'UPLOAD' });
/** DynamoDB deletes the item (TTL, `expiresAt`) a day after it can no longer be attached. */
export const temporaryUploadItem = (u: TemporaryUploadRecord) => ({ ...temporaryUploadKeys(u.id), entity: UPLOAD_ENTITY, ...u, expiresAt: Math.floor(u.validUntil / 1000) + 86_400 });
