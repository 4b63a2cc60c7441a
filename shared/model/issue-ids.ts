/**
 * A request's two names. Its issue id is the desk id times 10^9 plus the request's number: unique because each desk's
 * numbers are, and taken from the desk's own counter, so no item is moved by every create on the site. Its key is the
 * desk's project key, a dash and the number. Project keys never change, so a key names its id with no item of its
 * own: the desk's id by its key, then this formula.
 */
export const ISSUE_IDS_PER_DESK = 1_000_000_000;

export const issueIdOf = (deskId: string, number: number): string => String(Number(deskId) * ISSUE_IDS_PER_DESK + number);

/** A key's project key and number ("HELP-12" -> HELP, 12), case-insensitively; undefined for anything else. */
export const parseIssueKey = (issueKey: string): { projectKey: string; number: number } | undefined => {
  const match = /^([A-Z][A-Z0-9]{1,9})-([1-9]\d{0,8})$/.exec(issueKey.toUpperCase());
  return match ? { projectKey: match[1]!, number: Number(match[2]) } : undefined;
};
