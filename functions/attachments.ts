/**
 * Lambda "attachments": uploads to a desk (through the API, or a presigned S3 POST for large files), a request's
 * attachments and their downloads (a redirect to a short-lived presigned URL once the request's access rule admits
 * the caller). Attaching files to a request (a comment, which mails people) is the "conversation" function's.
 */
import { attachmentLink, listAttachments, listCommentAttachments, presignUpload, registerUpload, uploadTemporaryFiles } from '#domain/attachments';
import { accountsById } from '#domain/people';
import { slicePage } from '#model/page';
import { attachmentView, temporaryAttachmentsView } from '#http/attachment-views';
import { httpFunction, Reply } from '#http/handler';
import { pageOf } from '#http/page';
import { attachmentRoutes } from '#routes/attachments';

const redirect = (url: string) => new Reply(undefined, { location: url }, 303);

export const handler = httpFunction(attachmentRoutes, {
  attachTemporaryFile: async ({ params, files, caller }) => temporaryAttachmentsView(await uploadTemporaryFiles(caller, params.serviceDeskId, files)),
  listAttachments: async (input) => {
    const page = await listAttachments(input.caller, input.params.issueIdOrKey, input.query);
    const authors = await accountsById(page.values.map((a) => a.authorId), input.caller);
    return pageOf(input, page, (a) => attachmentView(a, authors.get(a.authorId), input.baseUrl, input.caller));
  },
  listCommentAttachments: async (input) => {
    const { attachments } = await listCommentAttachments(input.caller, input.params.issueIdOrKey, input.params.commentId);
    const authors = await accountsById(attachments.map((a) => a.authorId), input.caller);
    return pageOf(input, slicePage(attachments, input.query), (a) => attachmentView(a, authors.get(a.authorId), input.baseUrl, input.caller));
  },
  getAttachmentContent: async ({ params, caller }) => redirect(await attachmentLink(caller, params.issueIdOrKey, params.attachmentId, false)),
  getAttachmentThumbnail: async ({ params, caller }) => redirect(await attachmentLink(caller, params.issueIdOrKey, params.attachmentId, true)),
  createUploadForm: async ({ params, body, caller }) => {
    const { upload, form, expiresAt } = await presignUpload(caller, params.serviceDeskId, body);
    return { temporaryAttachmentId: upload.id, fileName: upload.fileName, url: form.url, fields: form.fields, expiresAt };
  },
  registerUpload: async ({ params, caller }) => temporaryAttachmentsView([await registerUpload(caller, params.temporaryAttachmentId)]),
});
