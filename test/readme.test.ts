/**
 * The README and the API reference cannot drift from the code: its route table and docs/api-reference.md are the
 * generated ones, and its links lead somewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, readmeText } from '#harness/readme';
import { API_REFERENCE, apiReferenceMarkdown } from '../scripts/api-reference';
import { generatedSection, routeTableMarkdown } from '../scripts/route-table';

const readme = readmeText();

describe('README.md', () => {
  it('lists every route of shared/routes/table.ts, as `npm run docs` generates it', () => {
    expect(generatedSection(readme)).toBe(routeTableMarkdown());
  });

  it('links to the API reference, which is what `npm run docs` generates from the route table and its schemas', () => {
    expect(readme).toContain(`](${API_REFERENCE})`);
    expect(readFileSync(join(PROJECT_ROOT, API_REFERENCE), 'utf8')).toBe(apiReferenceMarkdown());
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
