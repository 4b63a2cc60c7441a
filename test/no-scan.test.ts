/**
 * Request paths read with GetItem, BatchGetItem or Query only: no Scan anywhere in functions/ or shared/. The one
 * Scan of the project is the table checker's reader, an admin tool run by hand (`npm run verify-table`).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
const scans = (files: string[]) => files.filter((file) => /\bScan(Command|Input|Output)\b|\.scan\(|"Scan"/.test(readFileSync(file, 'utf8')));

it('no source file in functions/ or shared/ issues a Scan', () => {
  const files = [...sourceFiles('functions'), ...sourceFiles('shared')];
  expect(files.length).toBeGreaterThan(10);
  expect(scans(files)).toEqual([]);
});

it('the only Scan elsewhere is the table checker reading the table', () => {
  expect(scans([...sourceFiles('scripts'), ...sourceFiles('local'), ...sourceFiles('infra')])).toEqual([join('scripts', 'table-reader.ts')]);
});
