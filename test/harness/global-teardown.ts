import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__S3__?.stop();
  if (globalThis.__S3__) rmSync(globalThis.__S3__.directory, { recursive: true, force: true });
  await globalThis.__SES__?.stop();
  await globalThis.__DYNAMO__?.stop();
}
