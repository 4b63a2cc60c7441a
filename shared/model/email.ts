/** Emails as the product compares them: unique site-wide, case-insensitively after trimming, stored as given. */
import * as z from 'zod/mini';
import { LIMITS } from './limits';

/** Normalised form of an email used for uniqueness and search: trimmed, lower-cased. */
export const emailKey = (email: string): string => email.trim().toLowerCase();
/** Normalised form of a search term or a name compared for uniqueness. */
export const searchTerm = (text: string): string => text.trim().toLowerCase();
export const emailDomainOf = (email: string): string => emailKey(email).split('@').pop() ?? '';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
/** A valid email address, trimmed: the same rule for request bodies, invitations and mail senders. */
export const emailSchema = z.pipe(trimmed(1, LIMITS.emailLength), z.email({ error: 'Enter a valid email address' }));
