/**
 * The input fields that routes of several functions share: ids, emails, names, paging. Each function's own bodies
 * and queries live in its route module (shared/routes/<function>.ts), so a bundle carries only these and its own.
 * Objects are strict: an unknown field is a 400. zod/mini (the tree-shakable build) keeps each Lambda bundle small;
 * messages are worded in shared/http/request.ts.
 */
import * as z from 'zod/mini';
import { LIMITS } from '#model/limits';

export const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const displayNameSchema = trimmed(1, LIMITS.displayNameLength);
export const accountIdSchema = z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,128}$/, 'Not a valid account id'));

/** JSM ids are numbers sent as strings; clients may send them back as numbers. */
export const numericIdSchema = z.pipe(
  z.union([
    z.string().check(z.regex(/^[1-9]\d{0,9}$/, 'Not a valid id')),
    z.number().check(z.int(), z.minimum(1), z.maximum(9_999_999_999)),
  ]),
  z.transform((v: string | number) => String(v)),
);

/** A query-string boolean, as JSM reads it: in any case (Python clients send `True`). */
export const queryBoolean = z.pipe(
  z.string().check(z.regex(/^(true|false)$/i, 'must be true or false')),
  z.transform((v: string) => v.toLowerCase() === 'true'),
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
export const pagingOnlyQuery = z.strictObject({ ...pagingQuery });
export const expandOnlyQuery = z.strictObject({ ...expandQuery });

export const accountPath = z.strictObject({ accountId: accountIdSchema });
/** A desk is addressed by its id or its project key. */
export const serviceDeskRefSchema = z.string().check(z.regex(/^([1-9]\d{0,9}|[A-Za-z]{2,10})$/, 'Not a service desk id or project key'));
export const deskPath = z.strictObject({ serviceDeskId: serviceDeskRefSchema });
export const issueIdOrKey = z.string().check(z.regex(/^(\d{1,15}|[A-Za-z]{2,10}-\d{1,9})$/, 'Not an issue id or key'));
export const requestPath = z.strictObject({ issueIdOrKey });
export const commentPath = z.strictObject({ issueIdOrKey, commentId: numericIdSchema });

/**
 * JSM's account lists also carry the deprecated `usernames`, which JSM Cloud no longer acts on: accepted and ignored,
 * so a non-empty list of usernames without accountIds is still a 400.
 */
export const jsmAccountIds = <S extends z.core.$ZodLooseShape>(extra: S) =>
  z
    .strictObject({
      accountIds: z._default(z.array(accountIdSchema).check(z.maxLength(LIMITS.accountIdsPerCall)), []),
      usernames: z.optional(z.array(z.string().check(z.maxLength(255))).check(z.maxLength(LIMITS.accountIdsPerCall))),
      ...extra,
    })
    .check(z.refine((b) => (b as { accountIds: string[] }).accountIds.length > 0, { error: 'Give accountIds (usernames are no longer supported, as in JSM Cloud)' }));
export const jsmAccountIdsBody = jsmAccountIds({});

/** An email domain, as organizations and identity providers take them: trimmed, lower-cased, a valid host name. */
export const domainSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Not a domain name'),
);

/** An admin's name for an identity provider, used in its path and in the audit query: `acme-google`. */
export const identityProviderIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Use 1 to 63 lower-case letters, digits and dashes'));
