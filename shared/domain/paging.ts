/** A page of a list already read whole (an account's desks, organizations, participants...): JSM's start/limit. */
export const slicePage = <T>(values: T[], page: { start: number; limit: number }) => ({
  values: values.slice(page.start, page.start + page.limit),
  isLastPage: page.start + page.limit >= values.length,
  nextCursor: undefined,
});
