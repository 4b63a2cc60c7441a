/**
 * The portal as customers expect it (issue 18), at a desktop's width and a phone's, one page load covering several
 * behaviours: what needs the customer comes first; the list is searched, filtered and paged; desks are cards with
 * their description; request types are chosen seeing what each is for and what it asks; errors sit next to their
 * fields in plain words; a new request is
 * confirmed on screen; every request says who can see it, and its people and sharing can be changed;
 * the help desk's comments look different; the portal speaks the browser's language (German here) and the browser's
 * time zone; the profile renames and mutes; a used invitation link leads on to sign-in.
 */
import type { Page } from 'playwright-core';
import { uniqueEmail } from '#harness/app';
import { addMembers, createDesk, createOrganization, linkOrganization, type Desk } from '#harness/desks';
import { PASSWORD, PORTAL_URL, accept, bearer, invite, lastMail, linkToken, signedInCustomer } from '#harness/portal';
import { DESKTOP, PHONE, usePortalBrowser } from '#harness/portal-browser';

const portal = usePortalBrowser();
const REQUEST = '/rest/servicedeskapi/request';

/** The desk's description: long enough to be cut on its card at any width, with markup that must show as text. */
const DESK_ABOUT = 'Laptops, phones, printers and <b>anything</b> with a plug. '.repeat(8).trim();

/** A desk (described) with a second request type (described, with a required field of its own), an organization linked to it with two customers. */
const setUp = async () => {
  const desk = await createDesk(portal.app, 'restricted', 'Office desk', DESK_ABOUT);
  const hardware = await portal.app.call('POST', `/rest/admin/1/servicedesk/${desk.id}/requesttype`, {
    body: { name: 'Broken hardware', description: 'Something physical stopped working.', helpText: 'Have the asset tag at hand.', fields: [{ fieldId: 'customfield_10100', name: 'Asset tag', type: 'text', required: true }] },
  });
  expect(hardware.status).toBe(201);
  const org = await createOrganization(portal.app);
  await linkOrganization(portal.app, desk, org);
  const [customer, colleague] = [await signedInCustomer(portal.app, desk), await signedInCustomer(portal.app, desk)];
  await addMembers(portal.app, org, [customer.accountId, colleague.accountId]);
  const typeId = (await portal.app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id as string;
  const raise = async (summary: string) =>
    (await portal.app.call('POST', REQUEST, { as: bearer(customer.session), body: { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary } } })).body.issueKey as string;
  return { desk, org, customer, colleague, raise };
};

const signInAs = async (page: Page, email: string) => {
  await portal.signIn(page, email);
  await page.getByRole('heading', { name: 'Help center', level: 1 }).waitFor();
};

describe.each([
  ['1280', DESKTOP],
  ['375', PHONE],
])('the customer portal at %s px', (_width, viewport) => {
  it('what waits for the customer comes first; the list is searched, filtered and paged, with desk, type and updated', async () => {
    const { customer, raise } = await setUp();
    for (let i = 1; i <= 20; i += 1) await raise(`Routine ${i}`);
    const waiting = await raise('Need your serial number');
    expect((await portal.app.call('POST', `${REQUEST}/${waiting}/transition`, { body: { id: '1' } })).status).toBe(204);
    const page = await portal.newPage({ viewport });
    await signInAs(page, customer.email);
    expect(await page.locator('#app h2').first().textContent()).toBe('Waiting for you');
    const needs = page.getByRole('list', { name: 'Waiting for you' });
    await needs.getByRole('link', { name: `${waiting}: Need your serial number` }).waitFor();
    expect(await needs.locator('.chip').textContent()).toBe('Waiting for you');

    await page.getByRole('link', { name: 'My requests', exact: true }).click();
    await page.getByText('Requests 1–20, latest activity first').waitFor();
    const firstRow = page.locator('table.requests tbody tr').first();
    expect(await firstRow.locator('td[data-label="Request"]').textContent()).toBe(`${waiting}: Need your serial number`);
    expect(await firstRow.locator('td[data-label="Desk"]').textContent()).toBe('Office desk');
    expect(await firstRow.locator('td[data-label="Type"]').textContent()).not.toBe('');
    expect(await firstRow.locator('td[data-label="Updated"] time').getAttribute('datetime')).toMatch(/^\d{4}-/);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByText('Requests 21–21, latest activity first').waitFor();
    await page.getByRole('link', { name: 'Previous page' }).waitFor();

    await page.getByLabel('Search').fill('serial');
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.getByText('Requests 1–1, latest activity first').waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Closed or resolved' });
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.getByText('No requests here.').waitFor();
    await page.context().close();
  });

  it('raising: types with their descriptions and fields, errors next to fields in plain words, shared with the organization, confirmed on screen and by mail', async () => {
    const { desk, org, customer } = await setUp();
    const page = await portal.newPage({ viewport });
    await signInAs(page, customer.email);
    // The desk's card: its description as text (never markup), cut to a few lines on screen, the card inside the page.
    const card = page.locator('ul.desks li', { has: page.getByRole('heading', { name: 'Office desk' }) });
    const about = card.locator('.about');
    expect(await about.textContent()).toBe(DESK_ABOUT);
    expect(await about.locator('*').count()).toBe(0);
    expect(await about.evaluate((e) => e.scrollHeight > e.clientHeight + 1)).toBe(true);
    const box = (await card.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    // The home page is titled once, not "Help center · Help center".
    expect(await page.title()).toBe('Help center');
    // The card links by the desk's id; an address naming the desk by its key works the same, and becomes the id's.
    expect(await page.getByRole('link', { name: 'Raise a request on Office desk' }).getAttribute('href')).toBe(`/portal/desk/${desk.id}/create`);
    await page.goto(`${portal.app.url}/portal/desk/${desk.projectKey}/create`);
    await page.getByText('Something physical stopped working.').waitFor();
    await page.getByText('Have the asset tag at hand.').waitFor();
    await page.getByText('Fields marked * are required.').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/desk/${desk.id}/create`);
    await page.getByLabel(/Broken hardware/).check();
    const tag = page.getByLabel(/^Asset tag/);
    await tag.waitFor();
    expect(await page.locator('label', { has: tag }).locator('.req').textContent()).toBe(' *');
    await page.getByRole('button', { name: 'Send request' }).click();
    // Each error inside its field's label, in words made of the label, and the field marked invalid.
    await page.locator('label', { has: page.getByLabel(/^Summary/) }).getByText('Summary cannot be empty.').waitFor();
    await page.locator('label', { has: tag }).getByText('Asset tag cannot be empty.').waitFor();
    expect(await page.getByLabel(/^Summary/).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel(/^Summary/).fill('Docking station is dead');
    await tag.fill('AT-4711');
    await page.getByLabel('Share with').selectOption({ label: org.name });
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: /: Docking station is dead$/, level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your request was raised' }).waitFor();
    // Said once: the address loses its ?raised=1, so a reload does not say it again.
    expect(new URL(page.url()).search).toBe('');
    const key = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const details = page.locator('dl.details');
    await details.getByText('Office desk').waitFor();
    await details.getByText('Broken hardware').waitFor();
    await details.locator('time').nth(1).waitFor();
    await page.locator('ol.history').getByText('With the help desk').waitFor();
    const people = page.getByRole('region', { name: 'Who can see this request' });
    await people.getByText('You (raised it)').waitFor();
    await people.getByText(`Everyone in ${org.name}`).waitFor();
    expect((await portal.app.call('GET', `${REQUEST}/${key}`)).body.organizationId).toBe(org.id);
    // Confirmed by mail too, once, with a link back to this page.
    const confirmations = (await portal.app.inbox(customer.email)).filter((m) => m.subject === `[${key}] Docking station is dead`);
    expect(confirmations.map((m) => m.body.text?.includes(`/portal/request/${key}`))).toEqual([true]);
    await page.reload();
    await page.getByRole('heading', { name: /: Docking station is dead$/, level: 1 }).waitFor();
    await page.locator('ol.history').getByText('With the help desk').waitFor();
    expect(await page.getByText('Your request was raised').count()).toBe(0);
    await page.context().close();
  });

  it("a request's people: add and remove a participant, share with the organization later; the help desk's comments stand out; a reply says so in place", async () => {
    const { org, customer, colleague, raise } = await setUp();
    const key = await raise('Projector flickers');
    expect((await portal.app.call('POST', `${REQUEST}/${key}/comment`, { body: { body: 'Which room is it in?', public: true } })).status).toBe(201);
    const colleagueSees = async () => (await portal.app.call('GET', `${REQUEST}/${key}`, { as: bearer(colleague.session) })).status;
    const page = await portal.newPage({ viewport });
    await signInAs(page, customer.email);
    await page.goto(`${portal.app.url}/portal/request/${key}`);
    const people = page.getByRole('region', { name: 'Who can see this request' });
    await people.getByText('You (raised it)').waitFor();
    const colleagueName = colleague.email.split('@')[0]!;

    await people.getByLabel('Add someone from your organizations').selectOption({ label: colleagueName });
    await people.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'They can now see this request' }).waitFor();
    await page.getByRole('button', { name: `Remove ${colleagueName}` }).waitFor();
    expect(await colleagueSees()).toBe(200);
    await page.getByRole('button', { name: `Remove ${colleagueName}` }).click();
    await page.getByRole('status').filter({ hasText: 'no longer sees this request' }).waitFor();
    expect(await colleagueSees()).toBe(404);

    await page.getByLabel('Share with').selectOption({ label: org.name });
    await page.getByRole('button', { name: 'Save sharing' }).click();
    await page.getByText(`Everyone in ${org.name}`).waitFor();
    expect(await colleagueSees()).toBe(200);

    const agent = page.locator('article.comment.agent', { hasText: 'Which room is it in?' });
    expect(await agent.locator('.badge').textContent()).toBe('Help desk');
    await page.getByLabel('Your reply').fill('Room 4.12');
    await page.getByRole('button', { name: 'Add reply' }).click();
    await page.getByRole('status').filter({ hasText: 'Your reply was sent.' }).waitFor();
    await page.locator('article.comment.mine', { hasText: 'Room 4.12' }).waitFor();
    expect(await page.locator('article.comment.mine .badge').count()).toBe(0);
    await page.context().close();
  });

  it("German from the browser's language and the browser's time zone; the switch; the profile renames and mutes, and shows no account id", async () => {
    const { customer, raise } = await setUp();
    const key = await raise('Keyboard missing keys');
    const page = await portal.newPage({ viewport, locale: 'de-DE', timezoneId: 'Asia/Tokyo' });
    await page.goto(`${portal.app.url}/portal/signin`);
    await page.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
    await page.getByLabel('E-Mail').fill(customer.email);
    await page.getByLabel(/^Passwort/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Hilfe-Center', level: 1 }).waitFor();
    expect(await page.title()).toBe('Hilfe-Center');
    await page.getByRole('link', { name: 'Meine Anfragen', exact: true }).click();
    const updated = page.locator('table.requests time').first();
    await updated.waitFor();
    expect(await updated.textContent()).toMatch(/^(jetzt|vor \d+ (Sekunden|Minuten?))$/);
    expect(await updated.getAttribute('title')).toContain('GMT+9');

    await page.getByLabel('Sprache').selectOption('en');
    await page.getByRole('heading', { name: 'My requests', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByText(customer.email).waitFor();
    expect(await page.locator('#app').textContent()).not.toContain(customer.accountId);
    await page.getByLabel(/^Display name/).fill('Grace Hopper');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('status').filter({ hasText: 'Your name is saved.' }).waitFor();
    expect((await portal.app.call('GET', '/rest/portal/1/me', { as: bearer(customer.session) })).body.displayName).toBe('Grace Hopper');
    await page.getByLabel(`Email me about ${key}`).uncheck();
    await page.getByRole('status').filter({ hasText: 'Muted' }).waitFor();
    expect((await portal.app.call('GET', `${REQUEST}/${key}/notification`, { as: bearer(customer.session) })).body.subscribed).toBe(false);
    await page.context().close();
  });

  it('a short new password is said plainly by the form; a used invitation link leads on to sign-in', async () => {
    const desk: Desk = await createDesk(portal.app, 'restricted', 'Invite desk');
    const email = uniqueEmail('used');
    await invite(portal.app, [email], { serviceDeskId: desk.id });
    const token = linkToken(await lastMail(portal.app, email), 'invitation/accept');
    expect((await accept(portal.app, token)).status).toBe(200);
    const page = await portal.newPage({ viewport });
    await page.goto(portal.portalLink(`${PORTAL_URL}/invitation/accept?token=${encodeURIComponent(token)}`));
    // A short password is said plainly by the form itself, before anything is sent.
    await page.getByLabel(/^Password/).fill('short');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.locator('label', { has: page.getByLabel(/^Password/) }).getByText('Password is too short: use at least 8 characters.').waitFor();
    expect(await page.getByLabel(/^Password/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/^Password/).fill('another long password');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    await page.getByRole('link', { name: 'Sign in', exact: true }).last().click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await page.context().close();
  });
});
