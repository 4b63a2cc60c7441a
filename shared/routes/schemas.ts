/**
 * One zod schema per request body and query: they validate at the edge, type the handlers and feed the OpenAPI
 * document. Objects are strict: an unknown field is a 400. zod/mini (the tree-shakable build) keeps each Lambda
 * bundle small; messages are worded in shared/http/request.ts.
 */
import * as z from 'zod/mini';
import { emailSchema } from '#model/email';
import { LIMITS } from '#model/limits';
import { ACCOUNT_STATUSES, ACCOUNT_TYPES, CUSTOM_FIELD_TYPES, DESK_ACCESS_MODES, STAFF_ROLES } from '#model/vocabulary';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const displayNameSchema = trimmed(1, LIMITS.displayNameLength);
export const accountIdSchema = z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,128}$/, 'Not a valid account id'));

/** A query-string boolean, as JSM reads it: in any case (Python clients send `True`). */
const queryBoolean = z.pipe(
  z.string().check(z.regex(/^(true|false)$/i, 'must be true or false')),
  z.transform((v: string) => v.toLowerCase() === 'true'),
);
/**
 * A multi-value query parameter, given repeated (`a=X&a=Y`, which API Gateway joins with commas) or comma-separated:
 * the distinct values, each one of `values`.
 */
const queryList = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.pipe(
    z.pipe(z.string(), z.transform((v: string) => [...new Set(v.split(',').map((x) => x.trim()).filter(Boolean))])),
    z.array(z.enum(values)),
  );
/** JSM's `expand`: accepted on every route that documents it; docs/jsm-compatibility.md lists what is honoured. */
export const expandQuery = { expand: z.optional(z.string().check(z.maxLength(500))) };

/** JSM paging: start (offset), limit (default 50, capped at 100 as JSM caps it); cursor is our next-link shortcut. */
export const pagingQuery = {
  start: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(100_000)), 0),
  limit: z.pipe(
    z._default(z.coerce.number().check(z.int(), z.minimum(1)), LIMITS.pageDefault),
    z.transform((n: number) => Math.min(n, LIMITS.pageMax)),
  ),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
};

export const noQuery = z.strictObject({});

// ---- Directory ----------------------------------------------------------------------------------
export const createCustomerBody = z
  .strictObject({
    email: emailSchema,
    displayName: z.optional(displayNameSchema),
    /** JSM's deprecated alias of displayName. */
    fullName: z.optional(displayNameSchema),
  })
  .check(
    z.refine((b) => b.displayName !== undefined || b.fullName !== undefined, { error: 'displayName is required', path: ['displayName'] }),
  );
export const createCustomerQuery = z.strictObject({ strictConflictStatusCode: z.optional(queryBoolean) });

export const directoryQuery = z.strictObject({
  ...pagingQuery,
  query: z.optional(trimmed(0, LIMITS.searchLength)),
  status: z.optional(z.enum(ACCOUNT_STATUSES)),
  accountType: z.optional(z.enum(ACCOUNT_TYPES)),
});

export const accountPath = z.strictObject({ accountId: accountIdSchema });

export const updateCustomerBody = z
  .strictObject({ displayName: z.optional(displayNameSchema), email: z.optional(emailSchema) })
  .check(z.refine((b) => b.displayName !== undefined || b.email !== undefined, { error: 'Give displayName or email' }));

// ---- Service desks -----------------------------------------------------------------------------
/** JSM ids are numbers sent as strings; clients may send them back as numbers. */
export const numericIdSchema = z.pipe(
  z.union([
    z.string().check(z.regex(/^[1-9]\d{0,9}$/, 'Not a valid id')),
    z.number().check(z.int(), z.minimum(1), z.maximum(9_999_999_999)),
  ]),
  z.transform((v: string | number) => String(v)),
);
export const projectKeySchema = z.string().check(z.regex(/^[A-Z]{2,10}$/, 'A project key is 2 to 10 capital letters'));
/** A desk is addressed by its id or its project key. */
export const serviceDeskRefSchema = z.string().check(z.regex(/^([1-9]\d{0,9}|[A-Za-z]{2,10})$/, 'Not a service desk id or project key'));
export const deskAccessSchema = z.enum(DESK_ACCESS_MODES);
const projectNameSchema = trimmed(1, 255);

export const createDeskBody = z.strictObject({
  projectKey: projectKeySchema,
  projectName: projectNameSchema,
  access: z._default(deskAccessSchema, 'restricted'),
});
export const updateDeskBody = z
  .strictObject({
    projectName: z.optional(projectNameSchema),
    access: z.optional(deskAccessSchema),
    /** Whether people in Cc of a new request by email become its participants (default true). */
    ccParticipants: z.optional(z.boolean()),
  })
  .check(z.refine((b) => b.projectName !== undefined || b.access !== undefined || b.ccParticipants !== undefined, { error: 'Give projectName, access or ccParticipants' }));
export const deskPath = z.strictObject({ serviceDeskId: serviceDeskRefSchema });
export const accountIdsBody = z.strictObject({
  accountIds: z.array(accountIdSchema).check(z.minLength(1), z.maxLength(LIMITS.accountIdsPerCall)),
});
/**
 * JSM's account lists also carry the deprecated `usernames`, which JSM Cloud no longer acts on: accepted and ignored,
 * so a non-empty list of usernames without accountIds is still a 400.
 */
const jsmAccountIds = <S extends z.core.$ZodLooseShape>(extra: S) =>
  z
    .strictObject({
      accountIds: z._default(z.array(accountIdSchema).check(z.maxLength(LIMITS.accountIdsPerCall)), []),
      usernames: z.optional(z.array(z.string().check(z.maxLength(255))).check(z.maxLength(LIMITS.accountIdsPerCall))),
      ...extra,
    })
    .check(z.refine((b) => (b as { accountIds: string[] }).accountIds.length > 0, { error: 'Give accountIds (usernames are no longer supported, as in JSM Cloud)' }));
export const jsmAccountIdsBody = jsmAccountIds({});
/** JSM's UsersOrganizationUpdate: the path names the organization; `organizationId` in the body is accepted and ignored. */
export const organizationUsersBody = jsmAccountIds({ organizationId: z.optional(numericIdSchema) });
const requestTypeText = {
  name: trimmed(1, 255),
  description: z._default(trimmed(0, 2000), ''),
  helpText: z._default(trimmed(0, 2000), ''),
};
const customFieldSchema = z
  .strictObject({
    fieldId: z.string().check(z.regex(/^customfield_\d{5,6}$/, 'A custom field id is customfield_ and 5 or 6 digits')),
    name: trimmed(1, 255),
    type: z.enum(CUSTOM_FIELD_TYPES),
    required: z._default(z.boolean(), false),
    description: z._default(trimmed(0, 2000), ''),
    values: z.optional(z.array(trimmed(1, 255)).check(z.minLength(1), z.maxLength(100))),
  })
  .check(z.refine((f) => (f.type === 'select') === (f.values !== undefined), { error: 'values are given for a select field, and only for one', path: ['values'] }));
/** Ours: a request type with its custom fields. */
export const createRequestTypeBody = z.strictObject({ ...requestTypeText, fields: z._default(z.array(customFieldSchema).check(z.maxLength(30)), []) });
/** JSM's RequestTypeCreate: `issueTypeId` is accepted and ignored (there are no Jira issue types here). */
export const jsmCreateRequestTypeBody = z.strictObject({ ...requestTypeText, issueTypeId: z.optional(numericIdSchema) });
export const deskCustomersQuery = z.strictObject({ ...pagingQuery, query: z.optional(trimmed(0, LIMITS.searchLength)) });
export const pagingOnlyQuery = z.strictObject({ ...pagingQuery });
export const expandOnlyQuery = z.strictObject({ ...expandQuery });
export const pagingExpandQuery = z.strictObject({ ...pagingQuery, ...expandQuery });
/** JSM's OrganizationServiceDeskUpdate: the path names the desk; `serviceDeskId` in the body is accepted and ignored. */
export const organizationIdBody = z.strictObject({ organizationId: numericIdSchema, serviceDeskId: z.optional(numericIdSchema) });
export const requestTypePath = z.strictObject({ serviceDeskId: serviceDeskRefSchema, requestTypeId: numericIdSchema });
export const allRequestTypesQuery = z.strictObject({
  ...pagingQuery,
  ...expandQuery,
  searchQuery: z.optional(trimmed(0, 255)),
  /** Repeated or comma-separated. */
  serviceDeskId: z.optional(z.pipe(z.pipe(z.string(), z.transform((v: string) => v.split(',').map((x) => x.trim()))), z.array(z.string().check(z.regex(/^[1-9]\d{0,9}$/, 'Not a valid id'))))),
});
export const deskOrganizationsQuery = z.strictObject({ ...pagingQuery, accountId: z.optional(accountIdSchema) });
export const requestTypesQuery = z.strictObject({
  ...pagingQuery,
  ...expandQuery,
  searchQuery: z.optional(trimmed(0, 255)),
  groupId: z.optional(numericIdSchema),
  includeHiddenRequestTypesInSearch: z.optional(queryBoolean),
  /** Every request type here is open to the desk's customers: `restricted` lists none. */
  restrictionStatus: z.optional(z.enum(DESK_ACCESS_MODES)),
});

// ---- Organizations ------------------------------------------------------------------------------
export const organizationPath = z.strictObject({ organizationId: numericIdSchema });
export const createOrganizationBody = z.strictObject({ name: trimmed(1, LIMITS.organizationName) });
export const organizationsQuery = z.strictObject({ ...pagingQuery, accountId: z.optional(accountIdSchema) });
export const propertyPath = z.strictObject({
  organizationId: numericIdSchema,
  propertyKey: z.string().check(z.minLength(1), z.maxLength(LIMITS.propertyKeyLength)),
});
/** Any JSON value; its size is checked in the domain (LIMITS.propertyValueBytes). */
export const propertyValueBody = z.json();
export const domainSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Not a domain name'),
);
export const domainsBody = z.strictObject({
  domains: z.array(domainSchema).check(z.maxLength(LIMITS.domainsPerOrganization)),
  backfill: z._default(z.boolean(), false),
  dryRun: z._default(z.boolean(), false),
});

// ---- Audit --------------------------------------------------------------------------------------
export const auditQuery = z
  .strictObject({
    ...pagingQuery,
    accountId: z.optional(accountIdSchema),
    organizationId: z.optional(numericIdSchema),
    serviceDeskId: z.optional(numericIdSchema),
  })
  .check(
    z.refine((q) => [q.accountId, q.organizationId, q.serviceDeskId].filter((v) => v !== undefined).length === 1, {
      error: 'Give exactly one of accountId, organizationId, serviceDeskId',
    }),
  );

// ---- Invitations and the portal ----------------------------------------------------------------
export const inviteBody = z.strictObject({
  /** Checked one by one: an invalid address is an `invalid` outcome, not a 400 for the whole call. */
  emails: z.array(z.string().check(z.maxLength(320))).check(z.minLength(1), z.maxLength(LIMITS.invitationsPerCall)),
  serviceDeskId: z.optional(numericIdSchema),
  expiresInDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(30)), 7),
});
export const invitationStatusSchema = z.enum(['pending', 'accepted', 'expired', 'revoked']);
export const invitationsQuery = z.strictObject({
  ...pagingQuery,
  status: z._default(invitationStatusSchema, 'pending'),
  serviceDeskId: z.optional(numericIdSchema),
});
export const invitationPath = z.strictObject({ invitationId: z.string().check(z.regex(/^[0-9a-f]{16}$/, 'Not an invitation id')) });
const passwordSchema = z.string().check(z.minLength(LIMITS.passwordMin), z.maxLength(LIMITS.passwordMax));
const tokenSchema = z.string().check(z.minLength(1), z.maxLength(200));
export const acceptInvitationBody = z.strictObject({ token: tokenSchema, password: passwordSchema, displayName: z.optional(displayNameSchema) });
export const loginBody = z.strictObject({ email: trimmed(1, 320), password: z.string().check(z.minLength(1), z.maxLength(LIMITS.passwordMax)) });
export const forgotPasswordBody = z.strictObject({ email: trimmed(1, 320) });
export const signUpBody = z.strictObject({ email: emailSchema, displayName: z.optional(displayNameSchema), serviceDeskId: z.optional(numericIdSchema) });
export const resetPasswordBody = z.strictObject({ token: tokenSchema, password: passwordSchema });

// ---- Requests ---------------------------------------------------------------------------------
export const createRequestBody = z.strictObject({
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
export const requestsQuery = z.strictObject({
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
const issueIdOrKey = z.string().check(z.regex(/^(\d{1,15}|[A-Za-z]{2,10}-\d{1,9})$/, 'Not an issue id or key'));
export const requestPath = z.strictObject({ issueIdOrKey });
export const commentBody = z.strictObject({ body: trimmed(1, LIMITS.textLength), public: z._default(z.boolean(), true) });
/** `public` and `internal` choose which comments are listed (both by default; customers see public ones only). */
export const commentsQuery = z.strictObject({ ...pagingQuery, ...expandQuery, public: z._default(queryBoolean, true), internal: z._default(queryBoolean, true) });
export const commentPath = z.strictObject({ issueIdOrKey, commentId: numericIdSchema });
export const transitionBody = z.strictObject({
  id: numericIdSchema,
  /** A null, empty or blank body is no comment (JSM clients send `{"body": null}`). */
  additionalComment: z.optional(z.nullable(z.strictObject({ body: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(LIMITS.textLength)))) }))),
});

// ---- Attachments --------------------------------------------------------------------------------
/** JSM's body of createCommentWithAttachment; `public` defaults to true as for comments. */
export const attachBody = z.strictObject({
  temporaryAttachmentIds: z.array(z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a temporary attachment id'))).check(z.minLength(1), z.maxLength(LIMITS.attachmentsPerCall)),
  public: z._default(z.boolean(), true),
  additionalComment: transitionBody.shape.additionalComment,
});
export const attachmentPath = z.strictObject({ issueIdOrKey, attachmentId: numericIdSchema });
/** Our presigned POST for files above the API's upload size: the name and the exact size of the file. */
export const uploadFormBody = z.strictObject({
  fileName: trimmed(1, LIMITS.fileNameLength),
  size: z.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.fileBytes)),
});
export const uploadPath = z.strictObject({ temporaryAttachmentId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a temporary attachment id')) });

/** JSM's CSATFeedbackFull: `type` is csat (the only kind), `comment.body` optional. */
export const feedbackBody = z.strictObject({
  type: z.optional(z.literal('csat')),
  rating: z.number().check(z.int(), z.minimum(1), z.maximum(5)),
  comment: z.optional(z.nullable(z.strictObject({ body: z.optional(z.nullable(trimmed(0, 2000))) }))),
});
/** JSM's body for inviting one customer to a desk (jira.js's ServiceDeskCustomerInvite); the invitee picks their name on accepting. */
export const inviteDeskCustomerBody = z.strictObject({ email: z.string().check(z.maxLength(320)), displayName: z.optional(displayNameSchema) });

// ---- Staff --------------------------------------------------------------------------------------
export const createStaffBody = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  role: z.enum(STAFF_ROLES),
});

// ---- Mail log (admin) ---------------------------------------------------------------------------
export const MAIL_OUTCOMES = ['accepted', 'commented', 'rejected', 'ignored'] as const;
export const mailLogQuery = z.strictObject({ ...pagingQuery, outcome: z.optional(z.enum(MAIL_OUTCOMES)) });
/** SES message ids: letters, digits and dashes. */
export const mailPath = z.strictObject({ id: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/, 'Not an inbound message id')) });
