/** The README cannot drift from the code: its route table is the generated one, and its links lead somewhere. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, readmeText } from '#harness/readme';
import { generatedSection, routeTableMarkdown } from '../scripts/route-table';

const readme = readmeText();

describe('README.md', () => {
  it('lists every route of shared/routes/table.ts, as `npm run docs` generates it', () => {
    expect(generatedSection(readme)).toBe(routeTableMarkdown());
  });

  it('links only to files that exist', () => {
    const targets = [...readme.matchAll(/\]\(((?:docs|bench)\/[^)#]+)\)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(3);
    expect(targets.filter((t) => !existsSync(join(PROJECT_ROOT, t)))).toEqual([]);
  });

  it('keeps the Security section', () => {
    expect(readme).toContain('## Security\n\nA request is seen and used by its reporter, its participants,');
  });
});
