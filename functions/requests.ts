/**
 * Lambda "requests": JSM customer requests raised, listed and read, with their comments, participants and status
 * history. Changes that mail people (comments, participants, transitions) are the "conversation" function's.
 */
import { commentOf, listComments, listParticipants, statusHistory } from '#domain/request-history';
import { listRequests, requestsRaisedBy } from '#domain/request-lists';
import { createRequest, requestFor } from '#domain/requests';
import { raiseFollowUp } from '#domain/follow-ups';
import { feedbackOf, giveFeedback, withdrawFeedback } from '#domain/request-feedback';
import { notificationOf, setNotification } from '#domain/request-notification';
import type { RequestRecord } from '#store/entities/request';
import { slicePage, type Page } from '#model/page';
import type { Caller } from '#model/caller';
import { expandsOf } from '#http/expand';
import { httpFunction } from '#http/handler';
import { requestRoutes } from '#routes/requests';
import { pageOf } from '#http/page';
import { requestTypeView } from '#http/request-type-views';
import { commentView, deskView, feedbackView, requestView, statusView, userView } from '#http/views';
import { accountsById } from '#domain/people';
import { deskOfRequest, requestTypeOfRequest } from '#domain/request-expansions';

const FULL_PAGE = { start: 0, limit: 100 };
const where = (baseUrl: string, path: string) => ({ baseUrl, path, rawQuery: {}, query: FULL_PAGE });

/**
 * One request as JSM shows it, with what `expand` asks for among participant, status, requestType and serviceDesk
 * (others are ignored). The caller may see the request, so they may see its desk and request type.
 */
const requestAnswer = async (request: RequestRecord, caller: Caller, baseUrl: string, expand?: string) => {
  const wanted = expandsOf(expand);
  const self = `/rest/servicedeskapi/request/${request.issueId}`;
  const [reporters, participants, statuses, requestType, serviceDesk] = await Promise.all([
    accountsById([request.reporterId], caller),
    wanted.has('participant') ? listParticipants(caller, request.issueId) : undefined,
    wanted.has('status') ? statusHistory(caller, request.issueId, FULL_PAGE) : undefined,
    wanted.has('requestType') ? requestTypeOfRequest(request) : undefined,
    wanted.has('serviceDesk') ? deskOfRequest(request) : undefined,
  ]);
  return requestView(request, reporters.get(request.reporterId), baseUrl, caller, {
    ...(participants ? { participants: pageOf(where(baseUrl, `${self}/participant`), slicePage(participants, FULL_PAGE), (a) => userView(a, baseUrl, caller)) } : {}),
    ...(statuses ? { status: pageOf(where(baseUrl, `${self}/status`), statuses, statusView) } : {}),
    ...(requestType ? { requestType: requestTypeView(requestType, baseUrl) } : {}),
    ...(serviceDesk ? { serviceDesk: deskView(serviceDesk, baseUrl) } : {}),
  });
};

/** A page of requests as JSM lists them, each with its reporter (one BatchGetItem for the page). */
const requestPage = async (input: { caller: Caller; baseUrl: string; path: string; rawQuery: Record<string, string | undefined>; query: { start: number; limit: number } }, page: Page<RequestRecord>) => {
  const reporters = await accountsById(page.values.map((r) => r.reporterId), input.caller);
  return pageOf(input, page, (r) => requestView(r, reporters.get(r.reporterId), input.baseUrl, input.caller));
};

export const handler = httpFunction(requestRoutes, {
  createRequest: async ({ body, caller, baseUrl }) => {
    const { summary, description, organizationId, ...customFields } = body.requestFieldValues;
    const request = await createRequest(
      caller,
      {
        serviceDeskId: body.serviceDeskId,
        requestTypeId: body.requestTypeId,
        summary,
        description,
        organizationId,
        customFields,
        raiseOnBehalfOf: body.raiseOnBehalfOf,
        requestParticipants: body.requestParticipants,
      },
      caller.kind === 'customer' ? 'portal' : 'api',
    );
    return requestAnswer(request, caller, baseUrl);
  },
  createFollowUp: async ({ params, body, caller, baseUrl }) => requestAnswer(await raiseFollowUp(caller, params.issueIdOrKey, body), caller, baseUrl),
  listRequests: async (input) => requestPage(input, await listRequests(input.caller, input.query)),
  listCustomerRequests: async (input) => requestPage(input, await requestsRaisedBy(input.caller, input.params.accountId, input.query)),
  getRequest: async ({ params, query, caller, baseUrl }) => requestAnswer((await requestFor(caller, params.issueIdOrKey)).request, caller, baseUrl, query.expand),
  listComments: async (input) => {
    const page = await listComments(input.caller, input.params.issueIdOrKey, input.query);
    const authors = await accountsById(page.values.map((c) => c.authorId), input.caller);
    return pageOf(input, page, (c) => commentView(c, authors.get(c.authorId), input.baseUrl, input.caller));
  },
  getComment: async ({ params, caller, baseUrl }) => {
    const comment = await commentOf(caller, params.issueIdOrKey, params.commentId);
    return commentView(comment, (await accountsById([comment.authorId], caller)).get(comment.authorId), baseUrl, caller);
  },
  listRequestStatuses: async (input) => pageOf(input, await statusHistory(input.caller, input.params.issueIdOrKey, input.query), statusView),
  getNotification: async ({ params, caller }) => notificationOf(caller, params.issueIdOrKey),
  subscribeNotification: async ({ params, caller }) => setNotification(caller, params.issueIdOrKey, true),
  unsubscribeNotification: async ({ params, caller }) => setNotification(caller, params.issueIdOrKey, false),
  getFeedback: async ({ params, caller }) => feedbackView(await feedbackOf(caller, params.issueIdOrKey)),
  giveFeedback: async ({ params, body, caller }) =>
    feedbackView(await giveFeedback(caller, params.issueIdOrKey, { rating: body.rating, comment: body.comment?.body ?? undefined })),
  withdrawFeedback: async ({ params, caller }) => withdrawFeedback(caller, params.issueIdOrKey),
  listParticipants: async (input) => {
    const people = await listParticipants(input.caller, input.params.issueIdOrKey);
    return pageOf(input, slicePage(people, input.query), (a) => userView(a, input.baseUrl, input.caller));
  },
});
