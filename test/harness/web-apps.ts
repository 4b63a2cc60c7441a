/** The portal and the console built (portal/dist, console/dist) for tests that serve or deploy them: npm install builds both; this builds what is missing. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export const buildWebApps = (apps: ('portal' | 'console')[] = ['portal', 'console']) => {
  for (const app of apps) {
    if (existsSync(path.join(root, app, 'dist', 'index.html'))) continue;
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', path.join(root, app)], { stdio: 'inherit' });
  }
};
