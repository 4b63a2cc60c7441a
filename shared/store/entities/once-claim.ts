/**
 * Once claim: what a call through the API created (a request, a comment) or, for a transition, the version of the
 * request it left, by the call's content (who, where, what). A retried call whose first answer was lost finds it.
 */
import * as z from 'zod/mini';
import { reader, type Keys } from './item';

export const createdOnceSchema = z.object({
  issueId: z.string(),
  commentId: z.optional(z.string()),
  version: z.optional(z.number()),
  from: z.optional(z.string()),
});
export type CreatedOnce = z.infer<typeof createdOnceSchema>;

const onceClaimSchema = z.extend(createdOnceSchema, { validUntil: z.number() });
export const toOnceClaim = reader(onceClaimSchema);

export const onceClaimKeys = (fingerprint: string): Keys => ({ pk: `ONCE#${fingerprint}`, sk: 'ONCE' });
/** Valid until `validUntilMs`; TTL removes it an hour after. */
export const onceClaimItem = (fingerprint: string, created: CreatedOnce, validUntilMs: number) => ({
  ...onceClaimKeys(fingerprint),
  entity: 'onceClaim',
  ...created,
  validUntil: validUntilMs,
  expiresAt: Math.floor(validUntilMs / 1000) + 3600,
});
