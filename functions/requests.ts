/** Lambda "requests": JSM customer requests, their comments, participants and transitions. */
import { addComment, availableTransitions, changeParticipants, listComments, listParticipants, performTransition } from '#domain/request-conversation';
import { listRequests } from '#domain/request-lists';
import { createRequest, requestFor } from '#domain/requests';
import { getAccounts } from '#store/accounts';
import { slicePage } from '#domain/paging';
import type { Caller } from '#domain/types';
import { httpFunction } from '#http/handler';
import { pageOf } from '#http/paging';
import { commentView, requestView, userView } from '#http/views';

/** The accounts named by these ids, read in one BatchGetItem (none for the signed-in customer's own, already read). */
const accountsById = async (ids: string[], caller?: Caller) => {
  const own = caller?.kind === 'customer' ? caller.account : undefined;
  const others = [...new Set(ids)].filter((id) => id !== own?.accountId);
  const found = others.length > 0 ? await getAccounts(others) : [];
  return new Map([...found, ...(own ? [own] : [])].map((a) => [a.accountId, a]));
};

export const handler = httpFunction('requests', {
  createRequest: async ({ body, caller, baseUrl }) => {
    const request = await createRequest(
      caller,
      {
        serviceDeskId: body.serviceDeskId,
        requestTypeId: body.requestTypeId,
        summary: body.requestFieldValues.summary,
        description: body.requestFieldValues.description,
        organizationId: body.requestFieldValues.organizationId,
        raiseOnBehalfOf: body.raiseOnBehalfOf,
        requestParticipants: body.requestParticipants,
      },
      caller.kind === 'customer' ? 'portal' : 'api',
    );
    return requestView(request, (await accountsById([request.reporterId], caller)).get(request.reporterId), baseUrl, caller);
  },
  listRequests: async (input) => {
    const page = await listRequests(input.caller, input.query);
    const reporters = await accountsById(page.values.map((r) => r.reporterId), input.caller);
    return pageOf(input, page, (r) => requestView(r, reporters.get(r.reporterId), input.baseUrl, input.caller));
  },
  getRequest: async ({ params, caller, baseUrl }) => {
    const { request } = await requestFor(caller, params.issueIdOrKey);
    return requestView(request, (await accountsById([request.reporterId], caller)).get(request.reporterId), baseUrl, caller);
  },
  listComments: async (input) => {
    const page = await listComments(input.caller, input.params.issueIdOrKey, input.query);
    const authors = await accountsById(page.comments.map((c) => c.authorId), input.caller);
    return pageOf(input, { ...page, values: page.comments }, (c) => commentView(c, authors.get(c.authorId), input.baseUrl, input.caller));
  },
  addComment: async ({ params, body, caller, baseUrl }) => {
    const comment = await addComment(caller, params.issueIdOrKey, body);
    return commentView(comment, (await accountsById([comment.authorId], caller)).get(comment.authorId), baseUrl, caller);
  },
  listParticipants: async (input) => {
    const people = await listParticipants(input.caller, input.params.issueIdOrKey);
    return pageOf(input, slicePage(people, input.query), (a) => userView(a, input.baseUrl, input.caller));
  },
  addParticipants: async (input) => {
    const people = await changeParticipants(input.caller, input.params.issueIdOrKey, input.body.accountIds, 'add');
    return pageOf({ ...input, query: { start: 0, limit: 100 } }, slicePage(people, { start: 0, limit: 100 }), (a) => userView(a, input.baseUrl, input.caller));
  },
  removeParticipants: async (input) => {
    const people = await changeParticipants(input.caller, input.params.issueIdOrKey, input.body.accountIds, 'remove');
    return pageOf({ ...input, query: { start: 0, limit: 100 } }, slicePage(people, { start: 0, limit: 100 }), (a) => userView(a, input.baseUrl, input.caller));
  },
  listTransitions: async (input) => {
    const transitions = await availableTransitions(input.caller, input.params.issueIdOrKey);
    return pageOf(input, slicePage(transitions, input.query), (t) => ({ id: t.id, name: t.name }));
  },
  performTransition: async ({ params, body, caller }) => performTransition(caller, params.issueIdOrKey, body.id, body.additionalComment?.body),
});
