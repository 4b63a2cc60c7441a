/** Request paths read with GetItem, BatchGetItem or Query only: no Scan anywhere in functions/ or shared/. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });

it('no source file in functions/ or shared/ issues a Scan', () => {
  const files = [...sourceFiles('functions'), ...sourceFiles('shared')];
  expect(files.length).toBeGreaterThan(10);
  const offenders = files.filter((file) => /\bScan(Command|Input|Output)\b|\.scan\(|"Scan"/.test(readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
});
