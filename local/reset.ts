/** `npm run reset`: wipe the local data folder (DynamoDB Local's files). Stop `npm start` first. */
import { rmSync } from 'node:fs';
import { localConfig } from './config';

const { dataDir } = localConfig();
rmSync(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}`);
