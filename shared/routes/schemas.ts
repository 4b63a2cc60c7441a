/**
 * One zod schema per request body and query: they validate at the edge, type the handlers and feed the OpenAPI
 * document. Objects are strict: an unknown field is a 400. zod/mini (the tree-shakable build) keeps each Lambda
 * bundle small; messages are worded in shared/http/request.ts.
 */
import * as z from 'zod/mini';
import { ACCOUNT_STATUSES, ACCOUNT_TYPES, STAFF_ROLES } from '#domain/types';

export const LIMITS = {
  bodyBytes: 64 * 1024,
  pageDefault: 50,
  pageMax: 100,
  emailLength: 254,
  displayNameLength: 255,
  searchLength: 254,
  accountIdsPerCall: 50,
  organizationName: 200,
  propertyKeyLength: 255,
  propertyValueBytes: 32 * 1024,
  domainsPerOrganization: 10,
  invitationsPerCall: 100,
  passwordMin: 8,
  passwordMax: 200,
  textLength: 32 * 1024,
} as const;

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const emailSchema = z.pipe(trimmed(1, LIMITS.emailLength), z.email({ error: 'Enter a valid email address' }));
export const displayNameSchema = trimmed(1, LIMITS.displayNameLength);
export const accountIdSchema = z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,128}$/, 'Not a valid account id'));

/** A query-string boolean, as JSM clients send it. */
const queryBoolean = z.pipe(z.enum(['true', 'false']), z.transform((v) => v === 'true'));

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
export const deskAccessSchema = z.enum(['open', 'restricted']);
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
export const createRequestTypeBody = z.strictObject({
  name: trimmed(1, 255),
  description: z._default(trimmed(0, 2000), ''),
  helpText: z._default(trimmed(0, 2000), ''),
});
export const deskCustomersQuery = z.strictObject({ ...pagingQuery, query: z.optional(trimmed(0, LIMITS.searchLength)) });
export const pagingOnlyQuery = z.strictObject({ ...pagingQuery });
export const organizationIdBody = z.strictObject({ organizationId: numericIdSchema });

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
  requestFieldValues: z.strictObject({
    summary: trimmed(1, 255),
    description: z._default(trimmed(0, LIMITS.textLength), ''),
    /** Ours: share the request with an organization of the reporter (JSM does this through a custom field). */
    organizationId: z.optional(numericIdSchema),
  }),
  raiseOnBehalfOf: z.optional(accountIdSchema),
  requestParticipants: z.optional(z.array(accountIdSchema).check(z.maxLength(LIMITS.accountIdsPerCall))),
  /** JSM fields accepted and ignored (README). */
  isAdfRequest: z.optional(z.literal(false)),
  channel: z.optional(z.string().check(z.maxLength(50))),
});
export const requestOwnershipSchema = z.enum(['OWNED_REQUESTS', 'PARTICIPATED_REQUESTS', 'ORGANIZATION', 'ALL_ORGANIZATIONS', 'ALL_REQUESTS']);
export const requestStatusFilterSchema = z.enum(['OPEN_REQUESTS', 'CLOSED_REQUESTS', 'ALL_REQUESTS']);
export const requestsQuery = z.strictObject({
  ...pagingQuery,
  requestOwnership: z._default(requestOwnershipSchema, 'ALL_REQUESTS'),
  requestStatus: z._default(requestStatusFilterSchema, 'ALL_REQUESTS'),
  serviceDeskId: z.optional(numericIdSchema),
  organizationId: z.optional(numericIdSchema),
  searchTerm: z.optional(trimmed(0, 255)),
});
export const requestPath = z.strictObject({
  issueIdOrKey: z.string().check(z.regex(/^(\d{1,15}|[A-Za-z]{2,10}-\d{1,9})$/, 'Not an issue id or key')),
});
export const commentBody = z.strictObject({ body: trimmed(1, LIMITS.textLength), public: z._default(z.boolean(), true) });
export const transitionBody = z.strictObject({
  id: numericIdSchema,
  additionalComment: z.optional(z.strictObject({ body: trimmed(1, LIMITS.textLength) })),
});

// ---- Staff --------------------------------------------------------------------------------------
export const createStaffBody = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  role: z.enum(STAFF_ROLES),
});

// ---- Responses (documentation) ------------------------------------------------------------------
export const jsmErrorSchema = z.object({
  errorMessage: z.string(),
  i18nErrorMessage: z.object({ i18nKey: z.string(), parameters: z.array(z.string()) }),
});

export const userSchema = z.object({
  accountId: z.string(),
  emailAddress: z.nullable(z.string()),
  displayName: z.string(),
  active: z.boolean(),
  timeZone: z.string(),
  _links: z.object({ jiraRest: z.string(), avatarUrls: z.record(z.string(), z.string()), self: z.string() }),
});

export const serviceDeskSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  projectKey: z.string(),
  _links: z.object({ self: z.string() }),
});
export const organizationSchema = z.object({ id: z.string(), name: z.string(), _links: z.object({ self: z.string() }) });

// ---- Mail log (admin) ---------------------------------------------------------------------------
export const MAIL_OUTCOMES = ['accepted', 'commented', 'rejected', 'ignored'] as const;
export const mailLogQuery = z.strictObject({ ...pagingQuery, outcome: z.optional(z.enum(MAIL_OUTCOMES)) });
/** SES message ids: letters, digits and dashes. */
export const mailPath = z.strictObject({ id: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/, 'Not an inbound message id')) });
