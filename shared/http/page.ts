/**
 * Operation answers as JSM pages: {size, start, limit, isLastPage, values, _links: {base, context, next, prev, self}}.
 * What the domain returns is already a page (shared/model/page.ts, the store's shape): its values are mapped to
 * views, and its cursor goes into the next link, placed at the caller's URL.
 */
import type { OperationInput } from './handler';
import type { Page } from '#model/page';
import type { RouteSpec } from '#routes/route';

/** The page as JSM sends it. */
export interface JsmPage<T> {
  _expands: string[];
  size: number;
  start: number;
  limit: number;
  isLastPage: boolean;
  values: T[];
  _links: { base: string; context: string; self: string; next?: string; prev?: string };
}

interface PageLocation {
  baseUrl: string;
  path: string;
  /** The query the caller sent, paging parameters included. */
  query: Record<string, string | undefined>;
  start: number;
  limit: number;
}

const link = (loc: PageLocation, overrides: Record<string, string | undefined>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...loc.query, ...overrides })) {
    if (value !== undefined) params.set(key, value);
  }
  const qs = params.toString();
  return `${loc.baseUrl}${loc.path}${qs ? `?${qs}` : ''}`;
};

const jsmPage = <T>(page: Page<T>, loc: PageLocation): JsmPage<T> => {
  // As JSM: `base` is the API's root, `context` the (empty) context path.
  const api = loc.path.startsWith('/rest/servicedeskapi') ? '/rest/servicedeskapi' : loc.path.startsWith('/rest/admin/1') ? '/rest/admin/1' : '';
  const links: JsmPage<T>['_links'] = { base: `${loc.baseUrl}${api}`, context: '', self: link(loc, {}) };
  if (!page.isLastPage) {
    links.next = link(loc, { start: String(loc.start + loc.limit), limit: String(loc.limit), cursor: page.nextCursor });
  }
  if (loc.start > 0) {
    links.prev = link(loc, { start: String(Math.max(0, loc.start - loc.limit)), limit: String(loc.limit), cursor: undefined });
  }
  return { _expands: [], size: page.values.length, start: loc.start, limit: loc.limit, isLastPage: page.isLastPage, values: page.values, _links: links };
};

/** A domain page as the JSM page at the caller's URL, each value shown by `view`. */
export const pageOf = <T, V>(
  input: Pick<OperationInput<RouteSpec>, 'baseUrl' | 'path' | 'rawQuery'> & { query: { start: number; limit: number } },
  page: Page<T>,
  view: (value: T) => V,
): JsmPage<V> =>
  jsmPage(
    { values: page.values.map(view), isLastPage: page.isLastPage, nextCursor: page.nextCursor },
    { baseUrl: input.baseUrl, path: input.path, query: input.rawQuery, start: input.query.start, limit: input.query.limit },
  );
