/**
 * Attachments in the customer portal, in Chromium: a customer raises a request with a file, replies with another,
 * sees both listed and downloads one; the files go to the local S3 and come back through the API's access check,
 * under the portal's Content-Security-Policy.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '#harness/app';
import { PDF } from '#harness/attachments';
import { ensurePortalBuilt, launchChromium } from '#harness/browser';
import { createDesk } from '#harness/desks';
import { PASSWORD, bearer, signedInCustomer } from '#harness/portal';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  ensurePortalBuilt();
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it('a customer raises a request with a file, replies with another, and downloads what they attached', async () => {
  const desk = await createDesk(app, 'restricted', 'Files desk');
  const customer = await signedInCustomer(app, desk);
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, acceptDownloads: true });
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refused.push(message.text());
  });
  page.setDefaultTimeout(15_000);

  await page.goto(`${app.url}/portal/signin`);
  await page.getByLabel('Email').fill(customer.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Raise a request on Files desk' }).click();
  await page.getByLabel('Summary').fill('Invoice is wrong');
  await page.getByLabel('Attach files').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('button', { name: 'Download invoice.pdf' }).waitFor();

  await page.getByLabel('Your reply').fill('And the delivery note');
  await page.getByLabel('Attach files').setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('Delivered on Monday') });
  await page.getByRole('button', { name: 'Add reply' }).click();
  await page.getByRole('button', { name: 'Download note.txt' }).waitFor();
  await page.getByText('And the delivery note').waitFor();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download invoice.pdf' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('invoice.pdf');
  const saved = await download.path();
  expect(readFileSync(saved)).toEqual(PDF);

  // What the portal shows is what the API holds for the request.
  const key = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  const listed = await app.call('GET', `/rest/servicedeskapi/request/${key}/attachment`, { as: bearer(customer.session) });
  expect(listed.body.values.map((a: { filename: string }) => a.filename)).toEqual(['invoice.pdf', 'note.txt']);
  expect(refused).toEqual([]);
  await context.close();
}, 90_000);
