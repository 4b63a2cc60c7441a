/**
 * How every Lambda is bundled: one set of esbuild options, used by the CDK NodejsFunction subclass and by the
 * bench that measures bundle sizes. Kept free of CDK imports so the bench can read it.
 */
export const LAMBDA_BUNDLING = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  format: 'cjs',
  mainFields: ['module', 'main'],
  /**
   * The AWS SDK is bundled (only the clients a function uses) rather than taken from the runtime: the bench
   * measures both and reports the cold-start import time of each (bench/results.md).
   */
  externalModules: [] as string[],
  tsconfig: 'tsconfig.json',
} as const;

/** Entry file of each function, by the name the route table uses. */
export const functionEntry = (name: string): string => `functions/${name}.ts`;
