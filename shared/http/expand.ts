/** JSM's `expand` query parameter: comma-separated (or repeated) names; unknown names are accepted and ignored. */
export const expandsOf = (expand: string | undefined): ReadonlySet<string> =>
  new Set((expand ?? '').split(',').map((e) => e.trim()).filter(Boolean));
