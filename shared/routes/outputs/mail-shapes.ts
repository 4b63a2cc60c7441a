/** The answers of the mail log beyond its list: one message as admins review it. */
import * as z from 'zod/mini';
import { mailEntryShape, named } from './shapes';

/** A logged inbound message with its sender's name, header fields (in order, bounded) and text. */
export const mailMessageShape = named('MailLogMessage', z.strictObject({
  ...mailEntryShape.def.shape,
  fromName: z.string(),
  text: z.string(),
  headers: z.array(z.strictObject({ name: z.string(), value: z.string() })),
}));
