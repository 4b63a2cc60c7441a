/**
 * One zod schema per request body and query: they validate at the edge, type the handlers and feed the OpenAPI
 * document. Objects are strict: an unknown field is a 400.
 */
import { z } from 'zod';
import { ACCOUNT_STATUSES, ACCOUNT_TYPES, STAFF_ROLES } from '#domain/types';

export const LIMITS = {
  bodyBytes: 64 * 1024,
  pageDefault: 50,
  pageMax: 100,
  emailLength: 254,
  displayNameLength: 255,
  searchLength: 254,
} as const;

export const emailSchema = z
  .string()
  .trim()
  .max(LIMITS.emailLength)
  .pipe(z.email({ message: 'Enter a valid email address' }));
export const displayNameSchema = z.string().trim().min(1).max(LIMITS.displayNameLength);
export const accountIdSchema = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'Not a valid account id');

/** A query-string boolean, as JSM clients send it. */
const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** JSM paging: start (offset), limit (default 50, capped at 100 as JSM caps it); cursor is our next-link shortcut. */
export const pagingQuery = {
  start: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(LIMITS.pageDefault)
    .transform((n) => Math.min(n, LIMITS.pageMax)),
  cursor: z.string().max(2048).optional(),
};
export type PagingQuery = { start: number; limit: number; cursor?: string | undefined };

export const noQuery = z.strictObject({});

// ---- Directory ----------------------------------------------------------------------------------
export const createCustomerBody = z
  .strictObject({
    email: emailSchema,
    displayName: displayNameSchema.optional(),
    fullName: displayNameSchema.optional().describe('Deprecated JSM alias of displayName'),
  })
  .refine((b) => b.displayName !== undefined || b.fullName !== undefined, {
    message: 'displayName is required',
    path: ['displayName'],
  });
export const createCustomerQuery = z.strictObject({ strictConflictStatusCode: queryBoolean.optional() });

export const directoryQuery = z.strictObject({
  ...pagingQuery,
  query: z.string().trim().max(LIMITS.searchLength).optional(),
  status: z.enum(ACCOUNT_STATUSES).optional(),
  accountType: z.enum(ACCOUNT_TYPES).optional(),
});

export const accountPath = z.strictObject({ accountId: accountIdSchema });

export const updateCustomerBody = z
  .strictObject({ displayName: displayNameSchema.optional(), email: emailSchema.optional() })
  .refine((b) => b.displayName !== undefined || b.email !== undefined, { message: 'Give displayName or email' });

export const auditQuery = z.strictObject({ ...pagingQuery, accountId: accountIdSchema });

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
  emailAddress: z.string().nullable(),
  displayName: z.string(),
  active: z.boolean(),
  timeZone: z.string(),
  _links: z.object({ jiraRest: z.string(), avatarUrls: z.record(z.string(), z.string()), self: z.string() }),
});

export const pageSchema = (item: z.ZodType) =>
  z.object({
    size: z.number(),
    start: z.number(),
    limit: z.number(),
    isLastPage: z.boolean(),
    values: z.array(item),
    _links: z.object({
      base: z.string(),
      context: z.string(),
      next: z.string().optional(),
      prev: z.string().optional(),
      self: z.string(),
    }),
  });
