/**
 * What every entity module builds on: an item's keys, the stored item, and reading one back through the entity's
 * schema (which keeps the entity's own fields and drops keys and index attributes).
 */
import * as z from 'zod/mini';

export interface Keys {
  pk: string;
  sk: string;
}

/** An item as DynamoDB returns it. */
export type Item = Record<string, unknown>;

export const keysOf = (item: Item): Keys => ({ pk: String(item.pk), sk: String(item.sk) });

/** Numeric ids sort as text once padded. */
export const sortableId = (id: string): string => id.padStart(10, '0');
/** Upper bound of the sort keys `<ISO time>#<id>` at or before `iso`: '~' sorts after every id character. */
export const timeSortBound = (iso: string): string => `${iso}#~`;

/** The record stored in an item, checked against its entity's schema: a stored item of another shape is an error. */
export const reader =
  <S extends z.ZodMiniType>(schema: S) =>
  (item: Item): z.infer<S> =>
    schema.parse(item) as z.infer<S>;
