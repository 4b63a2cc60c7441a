/** Code blocks of the README that tests run as written (the tour, the deploy commands). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..', '..');

export const readmeText = (): string => readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

/** The shell block between `<!-- <name>:begin -->` and `<!-- <name>:end -->` in the README. */
export const readmeBlock = (name: string): string => {
  const match = new RegExp(`<!-- ${name}:begin -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\`\\n<!-- ${name}:end -->`).exec(readmeText());
  if (!match?.[1]) throw new Error(`README.md has no <!-- ${name}:begin --> sh block`);
  return match[1];
};
