/**
 * Attachments in the customer portal, in Chromium: a customer raises a request with a file, replies with another,
 * sees both listed and downloads one; the files go to the local S3 and come back through the API's access check,
 * under the portal's Content-Security-Policy.
 */
import { readFileSync } from 'node:fs';
import { PDF } from '#harness/attachments';
import { createDesk } from '#harness/desks';
import { bearer, signedInCustomer } from '#harness/portal';
import { usePortalBrowser } from '#harness/portal-browser';

const portal = usePortalBrowser();

it('a customer raises a request with a file, replies with another, and downloads what they attached', async () => {
  const { app } = portal;
  const desk = await createDesk(app, 'restricted', 'Files desk');
  const customer = await signedInCustomer(app, desk);
  const page = await portal.newPage({ acceptDownloads: true });
  page.setDefaultTimeout(15_000);

  await portal.signIn(page, customer.email);
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
  // Said next to the reply box, which has the focus again, as a reply without files is.
  const sent = page.getByRole('status').filter({ hasText: 'Your reply was sent.' });
  const box = (await sent.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height + 1);
  expect(await page.evaluate<string>('document.activeElement.tagName')).toBe('TEXTAREA');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download invoice.pdf' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('invoice.pdf');
  expect(readFileSync(await download.path())).toEqual(PDF);

  // What the portal shows is what the API holds for the request.
  const key = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  const listed = await app.call('GET', `/rest/servicedeskapi/request/${key}/attachment`, { as: bearer(customer.session) });
  expect(listed.body.values.map((a: { filename: string }) => a.filename)).toEqual(['invoice.pdf', 'note.txt']);
  await page.context().close();
}, 90_000);
