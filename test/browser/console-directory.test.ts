/**
 * The staff console in Chromium: Directory → Customers. An admin searches the directory by a name prefix and a
 * status, opens a profile that tells why the customer may use each desk, and revokes, restores and anonymizes.
 */
import { DESKTOP, useConsoleBrowser } from '#harness/console-browser';
import { addDeskCustomers, addMembers, createDesk, createOrganization, linkOrganization } from '#harness/desks';
import { uniqueEmail } from '#harness/app';

const web = useConsoleBrowser();

describe('the staff console in Chromium: the directory', () => {
  it('search by name prefix and status, a profile with its access reasons, revoke, restore and anonymize', async () => {
    const direct = await createDesk(web.app, 'restricted', 'Direct desk');
    const viaOrg = await createDesk(web.app, 'restricted', 'Org desk');
    const open = await createDesk(web.app, 'open', 'Open desk');
    const org = await createOrganization(web.app, 'Zephyr Holdings');
    await linkOrganization(web.app, viaOrg, org);
    const email = uniqueEmail('zelda');
    // Both Zimmermanns' names and emails start with "ze"; Someone Else's do not.
    const zelda = await web.app.createCustomer(email, 'Zelda Zimmermann');
    await web.app.createCustomer(uniqueEmail('zed'), 'Zed Zimmermann');
    await web.app.createCustomer(uniqueEmail('other'), 'Someone Else');
    await addDeskCustomers(web.app, direct, [zelda.accountId]);
    await addMembers(web.app, org, [zelda.accountId]);

    const page = await web.newPage({ viewport: DESKTOP });
    await web.newStaffSignedIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await page.getByLabel('Name or email starts with').fill('ze');
    await page.getByLabel('Status').selectOption({ label: 'Active' });
    // By keyboard: Enter in the search field searches, Enter on a result opens it.
    await page.getByLabel('Name or email starts with').press('Enter');
    await page.getByText('Customers 1–2').waitFor();
    const results = page.getByRole('table', { name: 'Customers' });
    expect(await results.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Zelda Zimmermann', 'Zed Zimmermann']));
    expect(await results.getByText('Someone Else').count()).toBe(0);
    // The search lives in the address: a reload shows the same results.
    expect(new URL(page.url()).search).toBe('?q=ze&status=active');
    expect(await web.seriousViolations(page)).toEqual([]);

    await results.getByRole('link', { name: 'Zelda Zimmermann' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Zelda Zimmermann' }).waitFor();
    const access = page.getByRole('table', { name: 'Desks they may use, and why' });
    const reasonsOf = async (desk: { projectKey: string }) => (await access.getByRole('row').filter({ hasText: desk.projectKey }).getByRole('listitem').allTextContents()).join(' | ');
    expect(await reasonsOf(direct)).toBe('Added to the desk as a customer');
    expect(await reasonsOf(viaOrg)).toBe('Member of Zephyr Holdings, linked to the desk');
    expect(await reasonsOf(open)).toBe('The desk is open to anyone');
    await page.getByRole('region', { name: 'Organizations' }).getByRole('link', { name: 'Zephyr Holdings' }).waitFor();
    await page.getByRole('region', { name: 'Invitations' }).getByText('Never invited.').waitFor();
    await page.getByRole('region', { name: 'Audit trail' }).getByRole('table').waitFor();
    expect(await web.seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Revoke portal access' }).click();
    await page.getByText('Zelda Zimmermann can no longer sign in, and their mail is refused.').waitFor();
    expect((await web.app.call('GET', `/rest/admin/1/customer/${zelda.accountId}`)).body.status).toBe('suspended');
    await page.getByRole('button', { name: 'Restore portal access' }).click();
    await page.getByText('Zelda Zimmermann may use the portal again.').waitFor();
    expect((await web.app.call('GET', `/rest/admin/1/customer/${zelda.accountId}`)).body.status).toBe('active');

    // Anonymizing asks for the email, typed: anything else changes nothing.
    await page.getByLabel(`Type ${email} to confirm`).fill('zelda');
    await page.getByRole('button', { name: 'Anonymize this customer' }).click();
    await page.getByText(`Type ${email} exactly to anonymize.`).waitFor();
    expect((await web.app.call('GET', `/rest/admin/1/customer/${zelda.accountId}`)).body.status).toBe('active');
    await page.getByLabel(`Type ${email} to confirm`).fill(email);
    await page.getByRole('button', { name: 'Anonymize this customer' }).click();
    await page.getByText('The customer is anonymized.').waitFor();
    expect((await web.app.call('GET', `/rest/admin/1/customer/${zelda.accountId}`)).body.status).toBe('anonymized');
    await page.context().close();
  });
});
