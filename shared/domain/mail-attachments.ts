/**
 * The files of an accepted inbound message: every attachment and inline image, stored in the attachments bucket
 * under keys named by the message (a redelivery writes the same objects again) and recorded on the request or
 * comment the message made, in that write's transaction (the mail log makes it happen once). Refused messages (a
 * virus verdict FAIL among them) never get here: nothing of them is kept.
 */
import { LIMITS } from '#model/limits';
import { messageFiles } from '#mail/inbound';
import { mailObjectKey, storeFile } from '#store/attachment-files';
import { moveTallyItem, putAttachmentItem } from '#store/attachments';
import type { AttachmentTally } from '#store/entities/attachment';
import type { TransactItem } from '#store/transact';
import { SNIFF_BYTES, cleanFileName, sniffContentType } from './file-types';

export interface StoredMailFile {
  fileName: string;
  mimeType: string;
  size: number;
  objectKey: string;
}

/**
 * The message's files stored, as many as the request has room for (count and bytes: README, Attachments); how many
 * did not fit is told so the mail log can say it.
 */
export const storeMailFiles = async (logId: string, raw: Buffer, room: AttachmentTally): Promise<{ stored: StoredMailFile[]; left: number }> => {
  const files = messageFiles(raw);
  const stored: Array<StoredMailFile & { bytes: Uint8Array }> = [];
  let bytes = room.bytes;
  for (const [i, file] of files.entries()) {
    if (room.count + stored.length >= LIMITS.attachmentsPerRequest || bytes + file.bytes.length > LIMITS.attachmentBytesPerRequest || file.bytes.length === 0) continue;
    bytes += file.bytes.length;
    stored.push({
      fileName: cleanFileName(file.fileName, LIMITS.fileNameLength),
      mimeType: sniffContentType(file.bytes.subarray(0, SNIFF_BYTES), file.declaredType),
      size: file.bytes.length,
      objectKey: mailObjectKey(logId, i + 1),
      bytes: file.bytes,
    });
  }
  await Promise.all(stored.map((s) => storeFile(s.objectKey, s.bytes, s.mimeType)));
  return { stored: stored.map(({ bytes: _bytes, ...file }) => file), left: files.length - stored.length };
};

/** The attachments (numbered after the tally read) and the moved tally, for the request's or the comment's transaction. */
export const mailAttachmentItems = (
  tally: AttachmentTally,
  stored: StoredMailFile[],
  by: { authorId: string; createdAt: string; commentId?: string | undefined },
): TransactItem[] => {
  if (stored.length === 0) return [];
  const attachments = stored.map((s, i) => ({
    id: String(tally.count + i + 1),
    issueId: tally.issueId,
    ...(by.commentId ? { commentId: by.commentId } : {}),
    fileName: s.fileName,
    mimeType: s.mimeType,
    size: s.size,
    public: true,
    authorId: by.authorId,
    createdAt: by.createdAt,
    objectKey: s.objectKey,
  }));
  return [moveTallyItem(tally, { count: stored.length, bytes: stored.reduce((sum, s) => sum + s.size, 0) }), ...attachments.map(putAttachmentItem)];
};
