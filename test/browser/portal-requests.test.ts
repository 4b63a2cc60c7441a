/**
 * Finished requests in the portal, at a phone's width and a desktop's: a reply reopens a resolved request and the
 * page says it was sent; a closed request offers a follow-up instead of a reply box; customers resolve their own.
 */
import type { Page } from 'playwright-core';
import { createDesk } from '#harness/desks';
import { bearer, signedInCustomer } from '#harness/portal';
import { DESKTOP, PHONE, usePortalBrowser } from '#harness/portal-browser';

const portal = usePortalBrowser();

interface Setup {
  /** Moved there by an agent first. */
  status?: 'Resolved' | 'Closed';
  summary?: string;
  /** The request type's custom fields, and the values the request is raised with. */
  fields?: Array<Record<string, unknown>>;
  values?: Record<string, unknown>;
  /** A comment by an agent. */
  comment?: string;
}

/** A signed-in page of a customer on one request of theirs. */
const onRequest = async (viewport: typeof PHONE, { status, summary = 'Printer on fire', fields, values = {}, comment }: Setup = {}): Promise<{ page: Page; key: string }> => {
  const desk = await createDesk(portal.app, 'restricted', 'Finishing desk');
  const customer = await signedInCustomer(portal.app, desk);
  const typeId = fields
    ? (await portal.app.call('POST', `/rest/admin/1/servicedesk/${desk.id}/requesttype`, { body: { name: 'New laptop', fields } })).body.id
    : (await portal.app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
  const { issueKey } = (
    await portal.app.call('POST', '/rest/servicedeskapi/request', {
      as: bearer(customer.session),
      body: { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary, ...values } },
    })
  ).body;
  if (comment) expect((await portal.app.call('POST', `/rest/servicedeskapi/request/${issueKey}/comment`, { body: { body: comment, public: true } })).status).toBe(201);
  for (const id of status === 'Closed' ? ['3', '4'] : status === 'Resolved' ? ['3'] : []) {
    expect((await portal.app.call('POST', `/rest/servicedeskapi/request/${issueKey}/transition`, { body: { id } })).status).toBe(204);
  }
  const page = await portal.newPage({ viewport });
  await portal.signIn(page, customer.email);
  await page.getByRole('heading', { name: 'Desks' }).waitFor();
  await page.goto(`${portal.app.url}/portal/request/${issueKey}`);
  await page.getByRole('heading', { name: `${issueKey}: ${summary}` }).waitFor();
  return { page, key: issueKey };
};

const status = (page: Page) => page.locator('dl.details .chip').first().textContent();

describe.each([
  ['a phone', PHONE],
  ['a desktop', DESKTOP],
])('finished requests in Chromium, at %s', (_width, viewport) => {
  it("a reply reopens a resolved request, says it was sent, and the page stays where the reader was", async () => {
    // A long answer from the help desk: the reply box is far below the top of the page.
    const { page } = await onRequest(viewport, { status: 'Resolved', comment: Array.from({ length: 40 }, (_, i) => `Step ${i + 1}`).join('\n') });
    expect(await status(page)).toBe('Resolved');
    await page.getByText('This request is resolved. A reply reopens it.').waitFor();
    await page.getByLabel('Your reply').fill('It is burning again');
    await page.getByRole('button', { name: 'Add reply' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'Your reply was sent.' });
    await sent.waitFor();
    // Said where the reader is, who keeps a sensible focus (not the page's body).
    const box = (await sent.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 1); // sub-pixel layout
    expect(await page.evaluate<string>('document.activeElement.tagName')).not.toBe('BODY');
    await page.getByRole('region', { name: 'Comments' }).getByText('It is burning again').waitFor();
    await page.locator('dl.details .chip', { hasText: 'With the help desk' }).waitFor();
    expect(await page.getByLabel('Your reply').inputValue()).toBe('');
    await page.context().close();
  });

  it('a closed request has no reply box but a follow-up, which links back to it', async () => {
    const { page, key } = await onRequest(viewport, { status: 'Closed' });
    await page.getByRole('heading', { name: 'This request is closed' }).waitFor();
    expect(await page.getByLabel('Your reply').count()).toBe(0);
    expect(await page.getByLabel('Summary').inputValue()).toBe('Follow-up: Printer on fire');
    await page.getByLabel('Description').fill('Since this morning');
    await page.getByRole('button', { name: 'Raise follow-up' }).click();
    await page.getByRole('heading', { name: /: Follow-up: Printer on fire$/ }).waitFor();
    await page.getByText('Your request was raised').waitFor();
    await page.getByRole('link', { name: key }).click();
    await page.getByRole('heading', { name: `${key}: Printer on fire` }).waitFor();
    await page.context().close();
  });

  it("shows the request type's own fields as text, and long unbroken words wrap instead of widening the page", async () => {
    // The longest summary the API takes, and a longer comment, neither with a space.
    const [long, longer] = ['x'.repeat(255), 'y'.repeat(300)];
    const fields = [
      { fieldId: 'customfield_10010', name: 'Asset tag', type: 'text', required: true },
      { fieldId: 'customfield_10011', name: 'Screens', type: 'number' },
      { fieldId: 'customfield_10012', name: 'Needed by', type: 'date' },
      { fieldId: 'customfield_10013', name: 'Colour', type: 'select', values: ['Black', 'Silver'] },
    ];
    const values = { customfield_10010: '<b>LT-42</b>', customfield_10011: 1200, customfield_10012: '2027-01-31', customfield_10013: { id: '2' } };
    const { page } = await onRequest(viewport, { summary: long, fields, values, comment: longer });
    const details = await page.locator('dl.details').innerText();
    for (const line of ['Asset tag\n<b>LT-42</b>', 'Screens\n1,200', 'Needed by\nJan 31, 2027', 'Colour\nSilver']) expect(details).toContain(line);
    expect(await page.locator('dl.details b').count()).toBe(0);
    await page.getByRole('region', { name: 'Comments' }).getByText(longer).waitFor();
    const pageWidth = () => page.evaluate<number>('document.documentElement.scrollWidth');
    expect(await pageWidth()).toBeLessThanOrEqual(viewport.width);
    await page.getByRole('link', { name: 'My requests' }).click();
    await page.getByRole('link', { name: long }).waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(viewport.width);
    await page.context().close();
  });

  it('a customer resolves their own request, and can reopen it', async () => {
    const { page } = await onRequest(viewport);
    expect(await status(page)).toBe('With the help desk');
    await page.getByRole('button', { name: 'Mark as resolved' }).click();
    await page.getByText('The request is resolved.').waitFor();
    expect(await status(page)).toBe('Resolved');
    await page.getByRole('button', { name: 'Reopen this request' }).click();
    await page.getByText('The request is open again.').waitFor();
    expect(await status(page)).toBe('With the help desk');
    await page.context().close();
  });
});
