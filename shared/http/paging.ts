/** Operation answers as JSM pages: a domain slice, mapped to views, placed at the caller's URL. */
import type { OperationInput } from './handler';
import { jsmPage, type Page } from './page';
import type { RouteSpec } from '#routes/route';

interface Slice<T> {
  isLastPage: boolean;
  nextCursor?: string | undefined;
  values: T[];
}

export const pageOf = <T, V>(
  input: Pick<OperationInput<RouteSpec>, 'baseUrl' | 'path' | 'rawQuery'> & { query: { start: number; limit: number } },
  slice: Slice<T>,
  view: (value: T) => V,
): Page<V> =>
  jsmPage(
    { values: slice.values.map(view), isLastPage: slice.isLastPage, nextCursor: slice.nextCursor },
    { baseUrl: input.baseUrl, path: input.path, query: input.rawQuery, start: input.query.start, limit: input.query.limit },
  );
