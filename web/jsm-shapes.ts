/** JSM's own shapes that every front end reads: its date object and its page. */

export interface JsmDate {
  iso8601: string;
  friendly: string;
  epochMillis: number;
}
export interface Page<T> {
  size: number;
  start: number;
  limit: number;
  isLastPage: boolean;
  values: T[];
}
