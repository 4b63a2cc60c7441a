/**
 * Bundle size and cold-start import time of every Lambda, built with the same esbuild options CDK uses
 * (infra/bundling.ts), in two modes: the AWS SDK bundled into the function, or left to the Lambda runtime.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { FUNCTIONS } from '#routes/table';
import { LAMBDA_BUNDLING, functionEntry } from '../infra/bundling';
import { median, ms } from './stats';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');
const BUNDLE_DIR = join(BENCH_DIR, 'bundles');
const BARE_ENTRY = 'bench/bare-handler.ts';
/**
 * Functions outside the route table (not behind the API), each with its own size budget (bench/report.ts):
 * bundled and timed like the API functions but left out of the import-time sum that picks the SDK mode.
 */
export const OTHER_FUNCTIONS = ['inbound-mail', 'mail-events'] as const;

export const SDK_MODES = ['sdkBundled', 'sdkExternal'] as const;
export type SdkMode = (typeof SDK_MODES)[number];

const EXTERNALS: Record<SdkMode, string[]> = {
  sdkBundled: [...LAMBDA_BUNDLING.externalModules],
  sdkExternal: [...LAMBDA_BUNDLING.externalModules, '@aws-sdk/*'],
};

/** Fresh node processes per bundle: one discarded (fills the OS file cache), then this many measured. */
const IMPORT_RUNS = 7;

export interface BundleMeasure {
  /** Minified .cjs only, not the source map. */
  bytes: number;
  /** Where the bytes come from: the largest packages (or source folders) in the output, in bytes. */
  largestParts: Record<string, number>;
  importMsMedian: number;
  importMsRuns: number[];
}

export type BundleModes = Record<SdkMode, BundleMeasure>;

export interface BundleResults {
  functions: Record<string, BundleModes>;
  /** Functions of the route table whose entry file does not exist (yet): not bundled, reported. */
  missingEntries: string[];
  /** OTHER_FUNCTIONS whose entry file exists. */
  otherFunctions: Record<string, BundleModes>;
  bare: BundleModes;
  /** Sum over the API functions of the median import time, per mode. */
  importMsTotal: Record<SdkMode, number>;
  chosenMode: SdkMode;
}

const bundlePath = (mode: SdkMode, name: string) => join(BUNDLE_DIR, mode, `${name}.cjs`);

/** Bytes in the output per npm package, or per top-level source folder for the project's own code. */
const largestParts = (inputs: Record<string, { bytesInOutput: number }>, count = 6): Record<string, number> => {
  const parts = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    const key = pkg ?? file.split('/').slice(0, 2).join('/');
    parts.set(key, (parts.get(key) ?? 0) + bytesInOutput);
  }
  return Object.fromEntries([...parts].sort((a, b) => b[1] - a[1]).slice(0, count));
};

const bundle = async (entry: string, mode: SdkMode, name: string) => {
  const outfile = bundlePath(mode, name);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    write: true,
    logLevel: 'error',
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    target: LAMBDA_BUNDLING.target,
    format: LAMBDA_BUNDLING.format,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: EXTERNALS[mode],
    tsconfig: LAMBDA_BUNDLING.tsconfig,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  return { file: outfile, largestParts: largestParts(output?.inputs ?? {}) };
};

/** Time of `require(bundle)` inside a fresh node, as Lambda's init phase pays it (process start not included). */
const IMPORT_SCRIPT = [
  "const { performance } = require('node:perf_hooks');",
  'const t0 = performance.now();',
  'require(process.env.BENCH_BUNDLE);',
  'process.stdout.write(String(performance.now() - t0));',
].join('\n');

const run = promisify(execFile);

const importMs = async (file: string): Promise<number> => {
  // A plain environment: no tsx loader in NODE_OPTIONS, only what a Lambda would have.
  const env = {
    PATH: process.env.PATH ?? '',
    BENCH_BUNDLE: file,
    AWS_REGION: 'us-east-1',
    TABLE_NAME: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const { stdout } = await run(process.execPath, ['-e', IMPORT_SCRIPT], { cwd: ROOT, env });
  const value = Number(stdout.trim());
  if (!Number.isFinite(value)) throw new Error(`import timing of ${file} printed ${JSON.stringify(stdout)}`);
  return value;
};

export const measureBundles = async (): Promise<BundleResults> => {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const exists = (fn: string) => existsSync(join(ROOT, functionEntry(fn)));
  const present = FUNCTIONS.filter(exists);
  const others = OTHER_FUNCTIONS.filter(exists);
  const missingEntries = [...FUNCTIONS, ...OTHER_FUNCTIONS].filter((fn) => !exists(fn));
  const names = [...present, ...others, 'bare'];
  const entryOf = (name: string) => (name === 'bare' ? BARE_ENTRY : functionEntry(name));
  const files: Array<{ name: string; mode: SdkMode; file: string; largestParts: Record<string, number> }> = [];
  for (const mode of SDK_MODES) {
    mkdirSync(join(BUNDLE_DIR, mode), { recursive: true });
    for (const name of names) files.push({ name, mode, ...(await bundle(entryOf(name), mode, name)) });
  }

  // Interleaved rounds, so drift in machine load touches every bundle alike.
  const runs = new Map<string, number[]>(files.map((f) => [f.file, []]));
  for (const f of files) await importMs(f.file);
  for (let round = 0; round < IMPORT_RUNS; round += 1) {
    for (const f of files) runs.get(f.file)?.push(await importMs(f.file));
  }

  const measure = (name: string, mode: SdkMode): BundleMeasure => {
    const built = files.find((f) => f.name === name && f.mode === mode);
    if (!built) throw new Error(`no bundle ${name} (${mode})`);
    const samples = runs.get(built.file) ?? [];
    return {
      bytes: statSync(built.file).size,
      largestParts: built.largestParts,
      importMsMedian: ms(median(samples)),
      importMsRuns: samples.map(ms),
    };
  };
  const modesOf = (name: string): BundleModes => ({ sdkBundled: measure(name, 'sdkBundled'), sdkExternal: measure(name, 'sdkExternal') });

  const functions = Object.fromEntries(present.map((fn) => [fn, modesOf(fn)]));
  const importMsTotal = Object.fromEntries(
    SDK_MODES.map((mode) => [mode, ms(Object.values(functions).reduce((sum, b) => sum + b[mode].importMsMedian, 0))]),
  ) as Record<SdkMode, number>;
  const chosenMode: SdkMode = importMsTotal.sdkExternal < importMsTotal.sdkBundled ? 'sdkExternal' : 'sdkBundled';
  const otherFunctions = Object.fromEntries(others.map((fn) => [fn, modesOf(fn)]));
  return { functions, missingEntries, otherFunctions, bare: modesOf('bare'), importMsTotal, chosenMode };
};
