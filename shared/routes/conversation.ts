/** Routes of the "conversation" function: the changes to a request that mail its people. */
import * as z from 'zod/mini';
import { LIMITS } from '#model/limits';
import { jsmAccountIdsBody, numericIdSchema, pagingOnlyQuery, requestPath, trimmed } from './fields';
import { JSM, functionRoutes } from './route';

const commentBody = z.strictObject({ body: trimmed(1, LIMITS.textLength), public: z._default(z.boolean(), true) });
const transitionBody = z.strictObject({
  id: numericIdSchema,
  /** A null, empty or blank body is no comment (JSM clients send `{"body": null}`). */
  additionalComment: z.optional(z.nullable(z.strictObject({ body: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(LIMITS.textLength)))) }))),
});

/** JSM's body of createCommentWithAttachment; `public` defaults to true as for comments. */
const attachBody = z.strictObject({
  temporaryAttachmentIds: z.array(z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a temporary attachment id'))).check(z.minLength(1), z.maxLength(LIMITS.attachmentsPerCall)),
  public: z._default(z.boolean(), true),
  additionalComment: transitionBody.shape.additionalComment,
});

const REQUEST = `${JSM}/request/{issueIdOrKey}`;

export const conversationRoutes = functionRoutes('conversation', {
  addComment: { method: 'POST', path: `${REQUEST}/comment`, role: 'signedIn', success: 201, params: requestPath, body: commentBody },
  addParticipants: { method: 'POST', path: `${REQUEST}/participant`, role: 'signedIn', success: 200, params: requestPath, body: jsmAccountIdsBody },
  removeParticipants: { method: 'DELETE', path: `${REQUEST}/participant`, role: 'signedIn', success: 200, params: requestPath, body: jsmAccountIdsBody },
  listTransitions: { method: 'GET', path: `${REQUEST}/transition`, role: 'signedIn', success: 200, params: requestPath, query: pagingOnlyQuery },
  performTransition: { method: 'POST', path: `${REQUEST}/transition`, role: 'signedIn', success: 204, params: requestPath, body: transitionBody },
  createAttachment: { method: 'POST', path: `${REQUEST}/attachment`, role: 'signedIn', success: 201, params: requestPath, body: attachBody },
});
