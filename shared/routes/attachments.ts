/** Routes of the "attachments" function: uploads to a desk, a request's attachments and their downloads. */
import * as z from 'zod/mini';
import { LIMITS } from '#model/limits';
import { commentPath, deskPath, issueIdOrKey, numericIdSchema, pagingOnlyQuery, requestPath, trimmed } from './fields';
import { JSM, PORTAL, functionRoutes } from './route';

const attachmentPath = z.strictObject({ issueIdOrKey, attachmentId: numericIdSchema });
/** Our presigned POST for files above the API's upload size: the name and the exact size of the file. */
const uploadFormBody = z.strictObject({
  fileName: trimmed(1, LIMITS.fileNameLength),
  size: z.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.fileBytes)),
});
const uploadPath = z.strictObject({ temporaryAttachmentId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a temporary attachment id')) });

const REQUEST = `${JSM}/request/{issueIdOrKey}`;

export const attachmentRoutes = functionRoutes('attachments', {
  attachTemporaryFile: { method: 'POST', path: `${JSM}/servicedesk/{serviceDeskId}/attachTemporaryFile`, role: 'signedIn', success: 201, params: deskPath, upload: true },
  listAttachments: { method: 'GET', path: `${REQUEST}/attachment`, role: 'signedIn', success: 200, params: requestPath, query: pagingOnlyQuery },
  listCommentAttachments: { method: 'GET', path: `${REQUEST}/comment/{commentId}/attachment`, role: 'signedIn', success: 200, params: commentPath, query: pagingOnlyQuery },
  getAttachmentContent: { method: 'GET', path: `${REQUEST}/attachment/{attachmentId}`, role: 'signedIn', success: 303, params: attachmentPath },
  getAttachmentThumbnail: { method: 'GET', path: `${REQUEST}/attachment/{attachmentId}/thumbnail`, role: 'signedIn', success: 303, params: attachmentPath },
  createUploadForm: { method: 'POST', path: `${PORTAL}/servicedesk/{serviceDeskId}/upload`, role: 'signedIn', success: 201, params: deskPath, body: uploadFormBody },
  registerUpload: { method: 'POST', path: `${PORTAL}/upload/{temporaryAttachmentId}`, role: 'signedIn', success: 201, params: uploadPath },
});
