/**
 * Each function's routes live in their own module (shared/routes/<function>.ts), and the route table is their union:
 * a Lambda bundle carries its own routes and schemas, never the whole table.
 */
import { build } from 'esbuild';
import { LAMBDA_BUNDLING, functionEntry } from '../infra/bundling';
import { FUNCTIONS, ROUTES_BY_FUNCTION, routeList } from '#routes/table';

/** The project's own modules in a function's bundle (npm packages left out: only our imports matter here). */
const bundledSources = async (fn: string): Promise<string[]> => {
  const result = await build({
    entryPoints: [functionEntry(fn)],
    bundle: true,
    write: false,
    platform: 'node',
    format: LAMBDA_BUNDLING.format,
    packages: 'external',
    tsconfig: LAMBDA_BUNDLING.tsconfig,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
};

describe('the route table', () => {
  it('is the union of the functions\' route modules, each route once, stamped with its function', () => {
    const declared = Object.entries(ROUTES_BY_FUNCTION).flatMap(([fn, routes]) => Object.values(routes).map((r) => [fn, r.fn]));
    expect(routeList()).toHaveLength(declared.length);
    for (const [fn, stamped] of declared) expect(stamped).toBe(fn);
    const keys = routeList().map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(FUNCTIONS.filter((fn) => fn !== 'meta'))('gives the "%s" bundle its own routes and no other function\'s', async (fn) => {
    const routeModules = (await bundledSources(fn)).filter((file) => file.startsWith('shared/routes/'));
    const others = FUNCTIONS.filter((other) => other !== fn).map((other) => `shared/routes/${other}.ts`);
    expect(routeModules).toContain(`shared/routes/${fn}.ts`);
    expect(routeModules.filter((file) => others.includes(file) || file === 'shared/routes/table.ts')).toEqual([]);
  });
});
