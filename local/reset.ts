/** `npm run reset`: wipe the local data folder (DynamoDB Local's files, S3's, the kept secrets). Refuses while `npm start` runs on it. */
import { rmSync } from 'node:fs';
import { localConfig } from './config';
import { runningStackPid } from './data-dir';

const { dataDir } = localConfig();
const running = runningStackPid(dataDir);
if (running !== undefined) {
  console.error(`npm start (pid ${running}) is running on ${dataDir}: stop it first (Ctrl-C in its terminal, or kill ${running}), then npm run reset.`);
  process.exit(1);
}
rmSync(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}`);
