/**
 * Lambda "conversation": the changes to a request that mail its people: comments (with attachments), participants
 * and transitions.
 * Apart from "requests", which only raises and reads, so that only this one carries the mail client.
 */
import { attachFiles } from '#domain/attachments';
import { addComment, availableTransitions, changeParticipants, performTransition } from '#domain/request-conversation';
import { accountById } from '#domain/people';
import { slicePage } from '#model/page';
import { httpFunction } from '#http/handler';
import { conversationRoutes } from '#routes/conversation';
import { pageOf } from '#http/page';
import { attachmentView } from '#http/attachment-views';
import { commentView, userView } from '#http/views';

const FULL_PAGE = { start: 0, limit: 100 };

export const handler = httpFunction(conversationRoutes, {
  addComment: async ({ params, body, caller, baseUrl }) => {
    const comment = await addComment(caller, params.issueIdOrKey, body);
    return commentView(comment, await accountById(comment.authorId, caller), baseUrl, caller);
  },
  addParticipants: async (input) => {
    const people = await changeParticipants(input.caller, input.params.issueIdOrKey, input.body.accountIds, 'add');
    return pageOf({ ...input, query: FULL_PAGE }, slicePage(people, FULL_PAGE), (a) => userView(a, input.baseUrl, input.caller));
  },
  removeParticipants: async (input) => {
    const people = await changeParticipants(input.caller, input.params.issueIdOrKey, input.body.accountIds, 'remove');
    return pageOf({ ...input, query: FULL_PAGE }, slicePage(people, FULL_PAGE), (a) => userView(a, input.baseUrl, input.caller));
  },
  listTransitions: async (input) => {
    const transitions = await availableTransitions(input.caller, input.params.issueIdOrKey);
    return pageOf(input, slicePage(transitions, input.query), (t) => ({ id: t.id, name: t.name }));
  },
  createAttachment: async (input) => {
    const { body, caller, baseUrl } = input;
    const { comment, attachments } = await attachFiles(caller, input.params.issueIdOrKey, {
      temporaryAttachmentIds: body.temporaryAttachmentIds,
      public: body.public,
      additionalComment: body.additionalComment?.body ?? undefined,
    });
    const author = await accountById(comment.authorId, caller);
    const path = `/rest/servicedeskapi/request/${comment.issueId}/comment/${comment.id}/attachment`;
    return {
      comment: commentView(comment, author, baseUrl, caller),
      attachments: pageOf({ baseUrl, path, rawQuery: {}, query: FULL_PAGE }, slicePage(attachments, FULL_PAGE), (a) => attachmentView(a, author, baseUrl, caller)),
    };
  },
  performTransition: async ({ params, body, caller }) => performTransition(caller, params.issueIdOrKey, body.id, body.additionalComment?.body || undefined),
});
