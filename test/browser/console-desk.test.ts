/**
 * The staff console in Chromium: a desk's customers and requests. An admin adds a customer found in the directory and
 * removes them again, invites pasted addresses and reads each one's outcome; an agent works the desk's queue: opens
 * a request, adds an internal note and a public reply, and transitions it. At a phone's width.
 */
import { uniqueEmail } from '#harness/app';
import { useConsoleBrowser } from '#harness/console-browser';
import { createDesk, deskCustomersOf } from '#harness/desks';
import { bearer, signedInCustomer } from '#harness/portal';

const web = useConsoleBrowser();

describe("the staff console in Chromium: a desk's customers and requests", () => {
  it("adds a desk's customer from the directory, removes them, and invites pasted addresses with an outcome each", async () => {
    const desk = await createDesk(web.app, 'restricted', 'Payroll');
    const quinn = await web.app.createCustomer(uniqueEmail('quinn'), 'Quinn Quartermain');
    const page = await web.newPage();
    await web.newStaffSignedIn(page, 'admin');
    await page.getByRole('link', { name: 'Customers of Payroll' }).click();
    await page.getByRole('heading', { name: 'Payroll: customers' }).waitFor();
    await page.getByText('No customer has been added to this desk.').waitFor();
    expect(await web.seriousViolations(page)).toEqual([]);

    await page.getByLabel('Name or email starts with').fill('Quinn');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Add Quinn Quartermain' }).click();
    await page.getByText('Quinn Quartermain is now a customer of Payroll.').waitFor();
    const customers = page.getByRole('table', { name: 'Customers of Payroll' });
    await customers.getByRole('cell', { name: quinn.emailAddress }).waitFor();
    expect(await deskCustomersOf(web.app, desk)).toEqual([quinn.accountId]);

    await customers.getByRole('button', { name: 'Remove Quinn Quartermain' }).click();
    await page.getByText('Quinn Quartermain is no longer a customer of Payroll.').waitFor();
    await page.getByText('No customer has been added to this desk.').waitFor();
    expect(await deskCustomersOf(web.app, desk)).toEqual([]);

    const fresh = uniqueEmail('fresh');
    await page.getByLabel(/^Email addresses/).fill(`${fresh}, not-an-address\nQuinn <${quinn.emailAddress}>`);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const outcomes = page.getByRole('table', { name: 'Invitation outcomes' });
    const outcomeOf = (address: string) => outcomes.getByRole('row').filter({ hasText: address }).getByRole('cell').nth(1).textContent();
    await outcomes.waitFor();
    expect(await outcomeOf(fresh)).toBe('Invited: a mail with a link to set a password is on its way');
    expect(await outcomeOf('not-an-address')).toBe('Not invited: not a valid email address');
    expect(await outcomeOf(quinn.emailAddress)).toBe('Already has an account: added to Payroll');
    // Both people now have access; the list re-drew itself.
    await customers.getByRole('cell', { name: quinn.emailAddress }).waitFor();
    expect((await deskCustomersOf(web.app, desk)).length).toBe(2);
    expect(await web.seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("an agent works the queue: open requests first, a customer's requests, an internal note, a public reply and a transition", async () => {
    const desk = await createDesk(web.app, 'restricted', 'Facilities');
    const typeId = (await web.app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
    const customer = await signedInCustomer(web.app, desk);
    const raise = async (summary: string) =>
      (await web.app.call('POST', '/rest/servicedeskapi/request', { as: bearer(customer.session), body: { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary, description: `About ${summary}` } } })).body.issueKey as string;
    const done = await raise('Old lamp');
    const open = await raise('Broken chair');
    const resolve = (await web.app.call('GET', `/rest/servicedeskapi/request/${done}/transition`)).body.values.find((t: { name: string }) => /resolve/i.test(t.name));
    expect((await web.app.call('POST', `/rest/servicedeskapi/request/${done}/transition`, { body: { id: resolve.id } })).status).toBe(204);

    const page = await web.newPage();
    await web.newStaffSignedIn(page, 'agent', [desk]);
    await page.getByRole('link', { name: 'Requests of Facilities' }).click();
    await page.getByRole('heading', { name: 'Facilities: requests' }).waitFor();
    const openList = page.getByRole('region', { name: 'Open' });
    const doneList = page.getByRole('region', { name: 'Resolved and closed' });
    await openList.getByRole('link', { name: `${open}: Broken chair` }).waitFor();
    expect(await openList.getByText('Old lamp').count()).toBe(0);
    await doneList.getByRole('link', { name: `${done}: Old lamp` }).waitFor();
    expect(await web.seriousViolations(page)).toEqual([]);

    // The requests this customer raised here, from the desk's customers.
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await page.getByRole('link', { name: /^Requests raised here by / }).click();
    await openList.getByRole('link', { name: `${open}: Broken chair` }).waitFor();
    expect(new URL(page.url()).searchParams.get('reporter')).toBe(customer.accountId);

    await openList.getByRole('link', { name: `${open}: Broken chair` }).click();
    await page.getByRole('heading', { name: `${open}: Broken chair` }).waitFor();
    await page.getByRole('textbox', { name: 'Your comment' }).fill('Checked the stock room');
    await page.getByLabel('Internal note: staff only').check();
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Your internal note is added.').waitFor();
    await page.getByRole('textbox', { name: 'Your comment' }).fill('A new chair is on its way');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Your reply is added; the customer sees it.').waitFor();
    await page.getByRole('article', { name: /^Internal note by/ }).getByText('Checked the stock room').waitFor();
    const seen = (await web.app.call('GET', `/rest/servicedeskapi/request/${open}/comment`, { as: bearer(customer.session) })).body.values.map((c: { body: string }) => c.body);
    expect(seen).toEqual(['A new chair is on its way']);
    expect(await web.seriousViolations(page)).toEqual([]);

    const moveTo = page.getByLabel('Move to');
    const choice = (await moveTo.locator('option').allTextContents()).find((name) => /resolve/i.test(name))!;
    await moveTo.selectOption({ label: choice });
    await page.getByRole('button', { name: 'Transition' }).click();
    await page.getByText(`${open} moved: ${choice}.`).waitFor();
    expect((await web.app.call('GET', `/rest/servicedeskapi/request/${open}`)).body.currentStatus.status).toBe('Resolved');
    await page.context().close();
  });
});
