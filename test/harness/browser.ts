/**
 * Chromium for the browser tests, from npm: @sparticuz/chromium ships a Chromium inside the package (unpacked into
 * the temp folder on first use, ~2 s), so `npm install && npm test` needs no browser of the machine's own.
 * The package is ESM-only and finds its files through import.meta.url, which jest's CommonJS transform cannot
 * run: a short Node child resolves the path and the flags instead.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

interface Sparticuz {
  executablePath: string;
  args: string[];
}

const unpackSparticuz = (): Sparticuz =>
  JSON.parse(
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import c from '@sparticuz/chromium'; console.log(JSON.stringify({ executablePath: await c.executablePath(), args: c.args }))"],
      { encoding: 'utf8' },
    ),
  ) as Sparticuz;

/**
 * Headless Chromium, kept off the network (the machine's network is closed; background calls only add noise).
 * Its flags are Lambda's, but for `--single-process`: there, closing one browser context closes the whole browser,
 * and each test works in contexts of its own.
 */
export const launchChromium = async (): Promise<Browser> => {
  const { executablePath, args } = unpackSparticuz();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...args.filter((flag) => flag !== '--single-process'), '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
};

