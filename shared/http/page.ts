/** The JSM page: {size, start, limit, isLastPage, values, _links: {base, context, next, prev, self}}. */
export interface Page<T> {
  _expands: string[];
  size: number;
  start: number;
  limit: number;
  isLastPage: boolean;
  values: T[];
  _links: { base: string; context: string; self: string; next?: string; prev?: string };
}

export interface PageSlice<T> {
  values: T[];
  isLastPage: boolean;
  /** Opaque position after the last value, carried by the next link so the next page is one Query. */
  nextCursor?: string | undefined;
}

export interface PageLocation {
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

export const jsmPage = <T>(slice: PageSlice<T>, loc: PageLocation): Page<T> => {
  // As JSM: `base` is the API's root, `context` the (empty) context path.
  const api = loc.path.startsWith('/rest/servicedeskapi') ? '/rest/servicedeskapi' : loc.path.startsWith('/rest/admin/1') ? '/rest/admin/1' : '';
  const links: Page<T>['_links'] = { base: `${loc.baseUrl}${api}`, context: '', self: link(loc, {}) };
  if (!slice.isLastPage) {
    links.next = link(loc, { start: String(loc.start + loc.limit), limit: String(loc.limit), cursor: slice.nextCursor });
  }
  if (loc.start > 0) {
    links.prev = link(loc, { start: String(Math.max(0, loc.start - loc.limit)), limit: String(loc.limit), cursor: undefined });
  }
  return { _expands: [], size: slice.values.length, start: loc.start, limit: loc.limit, isLastPage: slice.isLastPage, values: slice.values, _links: links };
};
