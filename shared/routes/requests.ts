/** Routes of the "requests" function: JSM customer requests raised, listed and read, their history and feedback. */
import * as z from 'zod/mini';
import { LIMITS } from '#model/limits';
import { accountIdSchema, accountPath, commentPath, expandOnlyQuery, expandQuery, numericIdSchema, pagingOnlyQuery, pagingQuery, queryBoolean, requestPath, trimmed } from './fields';
import { ADMIN, JSM, PORTAL, functionRoutes } from './route';

/**
 * A multi-value query parameter, given repeated (`a=X&a=Y`, which API Gateway joins with commas) or comma-separated:
 * the distinct values, each one of `values`.
 */
const queryList = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.pipe(
    z.pipe(z.string(), z.transform((v: string) => [...new Set(v.split(',').map((x) => x.trim()).filter(Boolean))])),
    z.array(z.enum(values)),
  );

const createRequestBody = z.strictObject({
  serviceDeskId: numericIdSchema,
  requestTypeId: numericIdSchema,
  /** Summary and description here; custom fields (`customfield_NNNNN`) are checked against the request type's. */
  requestFieldValues: z.catchall(
    z.object({
      summary: trimmed(1, 255),
      description: z._default(trimmed(0, LIMITS.textLength), ''),
      /** Ours: share the request with an organization of the reporter (JSM's way is the Organizations field). */
      organizationId: z.optional(numericIdSchema),
    }),
    z.unknown(),
  ),
  /** JSM's forms (experimental): accepted and ignored. */
  form: z.optional(z.unknown()),
  raiseOnBehalfOf: z.optional(accountIdSchema),
  requestParticipants: z.optional(z.array(accountIdSchema).check(z.maxLength(LIMITS.accountIdsPerCall))),
  /** JSM fields accepted and ignored (README). */
  isAdfRequest: z.optional(z.literal(false)),
  channel: z.optional(z.string().check(z.maxLength(50))),
});
const requestsQuery = z.strictObject({
  ...pagingQuery,
  ...expandQuery,
  /** Default (as JSM): the caller's own, participated and organizations' requests. */
  requestOwnership: z.optional(queryList(['OWNED_REQUESTS', 'PARTICIPATED_REQUESTS', 'ORGANIZATION', 'ALL_ORGANIZATIONS', 'APPROVER', 'ALL_REQUESTS'])),
  requestStatus: z._default(z.enum(['OPEN_REQUESTS', 'CLOSED_REQUESTS', 'ALL_REQUESTS']), 'ALL_REQUESTS'),
  approvalStatus: z.optional(z.enum(['MY_PENDING_APPROVAL', 'MY_HISTORY_APPROVAL'])),
  serviceDeskId: z.optional(numericIdSchema),
  requestTypeId: z.optional(numericIdSchema),
  organizationId: z.optional(numericIdSchema),
  searchTerm: z.optional(trimmed(0, 255)),
});
/** One customer's requests on one desk (the desk is required: agents read their own desks' only). */
const customerRequestsQuery = z.strictObject({
  ...pagingQuery,
  serviceDeskId: numericIdSchema,
  requestStatus: z._default(z.enum(['OPEN_REQUESTS', 'CLOSED_REQUESTS', 'ALL_REQUESTS']), 'ALL_REQUESTS'),
});
/** `public` and `internal` choose which comments are listed (both by default; customers see public ones only). */
const commentsQuery = z.strictObject({ ...pagingQuery, ...expandQuery, public: z._default(queryBoolean, true), internal: z._default(queryBoolean, true) });
/** JSM's CSATFeedbackFull: `type` is csat (the only kind), `comment.body` optional. */
const feedbackBody = z.strictObject({
  type: z.optional(z.literal('csat')),
  rating: z.number().check(z.int(), z.minimum(1), z.maximum(5)),
  comment: z.optional(z.nullable(z.strictObject({ body: z.optional(z.nullable(trimmed(0, 2000))) }))),
});

/** A follow-up of a closed request: what it is about; its desk, type, custom field values and sharing are the closed request's. */
const followUpBody = z.strictObject({ summary: trimmed(1, 255), description: z.optional(trimmed(0, LIMITS.textLength)) });

/** The organization to share the request with, or null to stop sharing it. */
const shareBody = z.strictObject({ organizationId: z.nullable(numericIdSchema) });

const REQUEST = `${JSM}/request/{issueIdOrKey}`;

export const requestRoutes = functionRoutes('requests', {
  createRequest: { method: 'POST', path: `${JSM}/request`, role: 'signedIn', success: 201, body: createRequestBody },
  listRequests: { method: 'GET', path: `${JSM}/request`, role: 'signedIn', success: 200, query: requestsQuery },
  getRequest: { method: 'GET', path: REQUEST, role: 'signedIn', success: 200, params: requestPath, query: expandOnlyQuery },
  listComments: { method: 'GET', path: `${REQUEST}/comment`, role: 'signedIn', success: 200, params: requestPath, query: commentsQuery },
  getComment: { method: 'GET', path: `${REQUEST}/comment/{commentId}`, role: 'signedIn', success: 200, params: commentPath, query: expandOnlyQuery },
  listRequestStatuses: { method: 'GET', path: `${REQUEST}/status`, role: 'signedIn', success: 200, params: requestPath, query: pagingOnlyQuery },
  listParticipants: { method: 'GET', path: `${REQUEST}/participant`, role: 'signedIn', success: 200, params: requestPath, query: pagingOnlyQuery },
  getNotification: { method: 'GET', path: `${REQUEST}/notification`, role: 'signedIn', success: 200, params: requestPath },
  subscribeNotification: { method: 'PUT', path: `${REQUEST}/notification`, role: 'signedIn', success: 204, params: requestPath },
  unsubscribeNotification: { method: 'DELETE', path: `${REQUEST}/notification`, role: 'signedIn', success: 204, params: requestPath },
  getFeedback: { method: 'GET', path: `${REQUEST}/feedback`, role: 'signedIn', success: 200, params: requestPath },
  giveFeedback: { method: 'POST', path: `${REQUEST}/feedback`, role: 'signedIn', success: 200, params: requestPath, body: feedbackBody },
  withdrawFeedback: { method: 'DELETE', path: `${REQUEST}/feedback`, role: 'signedIn', success: 204, params: requestPath },
  listCustomerRequests: { method: 'GET', path: `${ADMIN}/customer/{accountId}/request`, role: 'agent', success: 200, params: accountPath, query: customerRequestsQuery },
  createFollowUp: { method: 'POST', path: `${PORTAL}/request/{issueIdOrKey}/followup`, role: 'customer', success: 201, params: requestPath, body: followUpBody },
  shareRequest: { method: 'PUT', path: `${PORTAL}/request/{issueIdOrKey}/organization`, role: 'customer', success: 204, params: requestPath, body: shareBody },
});
