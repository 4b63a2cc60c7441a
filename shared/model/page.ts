/**
 * One page of a list, the same shape from the store's Query to the JSM page the caller sees (shared/http/page.ts
 * renders it): the values in order, whether more follow, and the cursor that makes the next page one Query.
 */
export interface Page<T> {
  values: T[];
  isLastPage: boolean;
  /** Opaque position after the last value, carried by the next link; absent on lists read whole. */
  nextCursor?: string | undefined;
}

/** What a caller asks of a list: JSM's start and limit, and the cursor of a next link. */
export interface PageRequest {
  start: number;
  limit: number;
  cursor?: string | undefined;
}

/** The same page with each value mapped (a stored item to its record, a record to what the caller sees). */
export const mapPage = <T, U>(page: Page<T>, map: (value: T) => U): Page<U> => ({ ...page, values: page.values.map(map) });

/** A page of a list already read whole (an account's desks, a request's participants...): JSM's start/limit. */
export const slicePage = <T>(values: T[], page: { start: number; limit: number }): Page<T> => ({
  values: values.slice(page.start, page.start + page.limit),
  isLastPage: page.start + page.limit >= values.length,
  nextCursor: undefined,
});
