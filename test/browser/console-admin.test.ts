/**
 * The staff console in Chromium: organizations, invitations and the mail log. An admin previews an organization's
 * email domains (a dry run changes nothing) before applying them, manages members and properties, deletes the
 * organization; resends, revokes and bulk-invites from a CSV file; opens a refused message and accepts it into a request.
 */
import { uniqueEmail } from '#harness/app';
import { DESKTOP, useConsoleBrowser } from '#harness/console-browser';
import { createDesk, membersOf, uniqueDomain } from '#harness/desks';
import { deliver, deskAddress, fixture } from '#harness/mail';
import { invite, invitationsOf } from '#harness/portal';

const web = useConsoleBrowser();

describe('the staff console in Chromium: organizations, invitations, mail', () => {
  it("an organization: created, its domains' dry run then applied, a property set, deleted", async () => {
    const domain = uniqueDomain();
    const early = await web.app.createCustomer(`early@${domain}`, 'Early Bird');
    const page = await web.newPage();
    await web.newStaffSignedIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByText('No organization yet.').waitFor();
    expect(await web.seriousViolations(page)).toEqual([]);
    await page.getByLabel(/^Name/).fill('Globex');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Globex' }).waitFor();
    await page.getByText('Globex is created.').waitFor();
    const orgId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await web.seriousViolations(page)).toEqual([]);

    const domains = page.getByRole('region', { name: 'Email domains' });
    await domains.getByLabel(/^Domains/).fill(domain);
    await domains.getByLabel('Also add existing accounts of these domains').check();
    await domains.getByRole('button', { name: 'Preview (dry run)' }).click();
    const wouldJoin = domains.getByRole('table', { name: 'Existing accounts that would join' });
    await wouldJoin.getByRole('cell', { name: early.emailAddress }).waitFor();
    await domains.getByText('Dry run: nothing changed.').waitFor();
    expect(await membersOf(web.app, { id: orgId } as never)).toEqual([]);
    expect(await web.seriousViolations(page)).toEqual([]);
    await domains.getByRole('button', { name: 'Apply' }).click();
    await domains.getByRole('table', { name: 'Existing accounts that joined' }).getByRole('cell', { name: early.emailAddress }).waitFor();
    expect(await membersOf(web.app, { id: orgId } as never)).toEqual([early.accountId]);
    // Read again, the page shows the domains as set, and the desks it is linked to (none yet).
    await page.reload();
    expect(await page.getByRole('region', { name: 'Email domains' }).getByLabel(/^Domains/).inputValue()).toBe(domain);
    await page.getByRole('region', { name: 'Linked desks' }).getByText('Not linked to any desk').waitFor();

    const properties = page.getByRole('region', { name: 'Properties' });
    await properties.getByLabel(/^Key/).fill('tier');
    await properties.getByLabel(/^Value/).fill('{"level": "gold"}');
    await properties.getByRole('button', { name: 'Set property' }).click();
    await properties.getByRole('cell', { name: '{"level":"gold"}' }).waitFor();

    await page.getByLabel('Type Globex to confirm').fill('Globex');
    await page.getByRole('button', { name: 'Delete organization' }).click();
    await page.getByText(/^Globex is deleted/).waitFor();
    expect((await web.app.call('GET', `/rest/servicedeskapi/organization/${orgId}`)).status).toBe(404);
    await page.context().close();
  });

  it('invitations: pending list, resend, revoke, and a bulk invite from a CSV file', async () => {
    const desk = await createDesk(web.app, 'restricted', 'Onboarding');
    const [kept, dropped] = [uniqueEmail('kept'), uniqueEmail('dropped')];
    await invite(web.app, [kept, dropped], { serviceDeskId: desk.id });
    const page = await web.newPage({ viewport: DESKTOP });
    await web.newStaffSignedIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invitations' }).click();
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    await pending.getByRole('link', { name: kept }).waitFor();
    expect(await web.seriousViolations(page)).toEqual([]);

    const mailsBefore = (await web.app.inbox(kept)).length;
    await pending.getByRole('button', { name: `Resend to ${kept}` }).click();
    await page.getByText(`A new invitation went to ${kept}; the old link no longer works.`).waitFor();
    expect((await web.app.inbox(kept)).length).toBe(mailsBefore + 1);
    await pending.getByRole('button', { name: `Revoke the invitation of ${dropped}` }).click();
    await page.getByText(`The invitation of ${dropped} is revoked: its link no longer works.`).waitFor();
    expect((await invitationsOf(web.app, 'status=revoked')).map((i) => i.email)).toContain(dropped);

    const csv = ['name,email', `Ann,${uniqueEmail('ann')}`, `Bob,${uniqueEmail('bob')}`, 'Nobody,not-an-address', ''].join('\n');
    const bulk = page.getByRole('region', { name: 'Invite from a CSV file' });
    await bulk.getByLabel(/^CSV file/).setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await bulk.getByLabel('Invite to').selectOption({ label: 'Onboarding' });
    await bulk.getByRole('button', { name: 'Invite everyone in the file' }).click();
    await bulk.getByText('2 of 2 addresses invited.').waitFor();
    expect(await bulk.getByRole('table', { name: 'Invitation outcomes' }).getByRole('row').count()).toBe(3);
    expect((await invitationsOf(web.app, `status=pending&serviceDeskId=${desk.id}`)).length).toBe(3);
    await page.context().close();
  });

  it('the mail log: a refused message opened with its reason, headers and text, then accepted into a request', async () => {
    const desk = await createDesk(web.app, 'restricted', 'Front desk');
    const stranger = uniqueEmail('stranger');
    const refused = await deliver(fixture('unknown-sender-restricted-desk.eml', { DESK: deskAddress(desk), CUSTOMER: stranger }), desk);
    expect(refused.entry.outcome).toBe('rejected');

    const page = await web.newPage();
    await web.newStaffSignedIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail log' }).click();
    const log = page.getByRole('table', { name: 'Inbound messages, newest first' });
    const row = log.getByRole('row').filter({ hasText: stranger });
    expect(await row.getByRole('cell').nth(3).textContent()).toMatch(/^rejected: .+/);
    expect(await web.seriousViolations(page)).toEqual([]);

    await row.getByRole('link', { name: 'Let me in' }).click();
    await page.getByRole('heading', { name: 'Let me in' }).waitFor();
    await page.getByRole('table', { name: 'Headers' }).getByText('subject', { exact: true }).waitFor();
    expect(await page.getByRole('region', { name: 'Text' }).textContent()).not.toContain('(no text part)');
    expect(await web.seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Accept into a request' }).click();
    await page.getByText(`The message is now request ${desk.projectKey}-1.`).waitFor();
    await page.getByRole('heading', { name: `${desk.projectKey}-1: Let me in` }).waitFor();
    expect((await web.app.call('GET', `/rest/servicedeskapi/request/${desk.projectKey}-1`)).body.reporter.emailAddress).toBe(stranger);
    await page.context().close();
  });
});
