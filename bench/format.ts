/** Small text helpers shared by the reports. */

/** "1 GetItem + 2 Query" from a command count map. */
export const describe = (commands: Record<string, number>): string =>
  Object.entries(commands).map(([c, n]) => `${n} ${c.replace(/Command$/, '')}`).join(' + ') || 'none';

/** A Markdown table. */
export const table = (header: string[], rows: Array<Array<string | number>>) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
