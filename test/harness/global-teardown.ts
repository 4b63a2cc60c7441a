export default async function globalTeardown(): Promise<void> {
  await globalThis.__SES__?.stop();
  await globalThis.__DYNAMO__?.stop();
}
