/** Attachments as JSM shows them: AttachmentDTO, a page of them, and the temporary attachments of an upload. */
import { hasThumbnail } from '#domain/file-types';
import type { Caller } from '#model/caller';
import type { AttachmentRecord, TemporaryUploadRecord } from '#store/entities/attachment';
import type { AccountRecord } from '#store/entities/account';
import { jsmDate } from './dates';
import { userView } from './views';

/** JSM's AttachmentDTO; `content` and (images) `thumbnail` lead, through the access check, to the bytes. */
export const attachmentView = (a: AttachmentRecord, author: AccountRecord | undefined, baseUrl: string, audience?: Caller) => {
  const content = `${baseUrl}/rest/servicedeskapi/request/${a.issueId}/attachment/${a.id}`;
  return {
    filename: a.fileName,
    author: author ? userView(author, baseUrl, audience) : { accountId: a.authorId },
    created: jsmDate(a.createdAt),
    size: a.size,
    mimeType: a.mimeType,
    _links: { content, ...(hasThumbnail(a.mimeType) ? { thumbnail: `${content}/thumbnail` } : {}) },
  };
};

/** What attachTemporaryFile answers, for each file. */
export const temporaryAttachmentsView = (uploads: TemporaryUploadRecord[]) => ({
  temporaryAttachments: uploads.map((u) => ({ temporaryAttachmentId: u.id, fileName: u.fileName })),
});
