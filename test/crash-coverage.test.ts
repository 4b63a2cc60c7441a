/**
 * Every operation that writes is accounted for in the crash registry (test/harness/operations.ts): crash-tested,
 * a single write, or named as not covered yet. The operations come from the route table and from functions/, so a
 * new route or Lambda fails this test until it is classed; a crash test named there must exist.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS, routes } from '#routes/table';
import { OPERATIONS } from '#harness/operations';

const writingRoutes = Object.entries(routes).filter(([, r]) => r.method !== 'GET').map(([id]) => id);
const unroutedFunctions = readdirSync('functions')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .filter((name) => !(FUNCTIONS as readonly string[]).includes(name))
  .map((name) => `function:${name}`);
const crashTestSources = readdirSync('test').filter((f) => /^crash-.*\.test\.ts$/.test(f)).map((f) => readFileSync(join('test', f), 'utf8'));

it('classes every writing route and every Lambda without a route, and nothing else', () => {
  expect(unroutedFunctions.sort()).toEqual(['function:cleanup', 'function:inbound-mail', 'function:mail-events']);
  expect(Object.keys(OPERATIONS).sort()).toEqual([...writingRoutes, ...unroutedFunctions].sort());
});

it('names only crash tests that exist', () => {
  const titles = Object.values(OPERATIONS).flatMap((c) => ('crashTested' in c ? c.crashTested : []));
  const missing = titles.filter((title) => !crashTestSources.some((source) => source.includes(`it(${JSON.stringify(title)}`) || source.includes(`it('${title}'`)));
  expect(missing).toEqual([]);
});

it('leaves no operation uncovered', () => {
  expect(Object.entries(OPERATIONS).filter(([, c]) => 'notCovered' in c).map(([id]) => id)).toEqual([]);
});
