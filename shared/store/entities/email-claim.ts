/** Email claim: one item per normalised email, so emails are unique site-wide. Staff sign in by reading it alone. */
import * as z from 'zod/mini';
import { emailKey } from '#model/email';
import { STAFF_ROLES } from '#model/vocabulary';
import { reader, type Keys } from './item';

export const emailClaimSchema = z.object({
  accountId: z.string(),
  /** Staff sign-in: the API token hash lives on the claim, so a sign-in attempt reads one item whether or not the email exists. */
  apiTokenHash: z.optional(z.string()),
  /**
   * The staff member's role, beside the token hash and only with it: the two are there exactly while the account is
   * an active staff member (a suspension removes both), so a staff call authenticates with this one read.
   */
  staffRole: z.optional(z.enum(STAFF_ROLES)),
});
export type EmailClaim = z.infer<typeof emailClaimSchema>;
export const toEmailClaim = reader(emailClaimSchema);

export const emailClaimKeys = (email: string): Keys => ({ pk: `EMAIL#${emailKey(email)}`, sk: 'EMAIL' });
export const emailClaimItem = (email: string, claim: EmailClaim) => ({ ...emailClaimKeys(email), entity: 'emailClaim', ...claim });
