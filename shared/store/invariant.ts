/**
 * The shape of a table invariant: a rule that spans items, described beside the entity it protects (each entity's
 * store module exports its `invariants`), checked over a whole table by the table checker (table-check.ts,
 * `npm run verify-table`). A leaf: no AWS SDK, no reads; the checker hands every invariant the same snapshot.
 */
import { keysOf, type Item, type Keys } from './entities/item';

/** The whole table, read once, indexed by key and by entity kind (the `entity` attribute every item carries). */
export interface TableSnapshot {
  of(entity: string): Item[];
  get(keys: Keys): Item | undefined;
}

/** One breach of an invariant: what is wrong, and the items involved (present ones by their keys). */
export interface Breach {
  message: string;
  items: Keys[];
}

export interface Invariant {
  /** Short, stable name, as printed: `email-claim`, `pending-invitation-token`. */
  name: string;
  /** The rule in one sentence. */
  rule: string;
  check(table: TableSnapshot, now: Date): Breach[];
}

/** A breach naming the items (or, for a missing item, the keys it should have had). */
export const breach = (message: string, ...items: Array<Item | Keys | undefined>): Breach => ({
  message,
  items: items.flatMap((i) => (i ? [keysOf(i as Item)] : [])),
});
