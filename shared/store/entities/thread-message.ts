/**
 * Thread message: a message of a request's thread, by Message-ID (without brackets, lower-cased): the customer's
 * message that made it, a reply that became a comment, and the SES message ids of what we sent about it (SES
 * replaces our Message-ID with `<sesMessageId@<region>.amazonses.com>`). One message can belong to several requests
 * (sent to two desks): the item holds the set of their issue ids, added to with ADD.
 */
import * as z from 'zod/mini';
import { reader, type Keys } from './item';

export const threadMessageSchema = z.object({ issueIds: z.optional(z.set(z.string())) });
export const toThreadMessage = reader(threadMessageSchema);

export const THREAD_MESSAGE_ENTITY = 'threadMessage';
export const threadMessageKeys = (messageId: string): Keys => ({ pk: `MSGID#${messageId.replace(/^<|>$/g, '').toLowerCase()}`, sk: 'MSGID' });
