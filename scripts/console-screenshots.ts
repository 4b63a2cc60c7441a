/**
 * `npm run screenshots`: the README's pictures of the staff console (docs/console/*.png), taken in the Chromium of the
 * browser tests from a fresh product with a little demo data. It runs under jest for its setup (one DynamoDB Local,
 * local SES and S3: test/harness/global-setup.ts) but is no test: `npm test` does not run it (it is not under test/).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, useConsoleBrowser } from '#harness/console-browser';
import { addDeskCustomers, addMembers, createDesk, createOrganization, linkOrganization } from '#harness/desks';
import { deliver, deskAddress, fixture } from '#harness/mail';
import { bearer, signedInCustomer } from '#harness/portal';

const OUT = path.resolve(__dirname, '..', 'docs', 'console');
const web = useConsoleBrowser();

const shoot = async (page: Page, name: string) => {
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
};

it('takes the console screenshots', async () => {
  mkdirSync(OUT, { recursive: true });
  const help = await createDesk(web.app, 'restricted', 'IT help');
  const hr = await createDesk(web.app, 'restricted', 'HR questions');
  await createDesk(web.app, 'open', 'Public questions');
  const org = await createOrganization(web.app, 'Acme Corporation');
  await linkOrganization(web.app, hr, org);
  const ada = await web.app.createCustomer('ada.lovelace@example.test', 'Ada Lovelace');
  await web.app.createCustomer('ada.byron@example.test', 'Ada Byron');
  await addDeskCustomers(web.app, help, [ada.accountId]);
  await addMembers(web.app, org, [ada.accountId]);
  const customer = await signedInCustomer(web.app, help);
  const typeId = (await web.app.call('GET', `/rest/servicedeskapi/servicedesk/${help.id}/requesttype`)).body.values[0].id;
  const raised = await web.app.call('POST', '/rest/servicedeskapi/request', {
    as: bearer(customer.session),
    body: { serviceDeskId: help.id, requestTypeId: typeId, requestFieldValues: { summary: 'VPN drops every hour', description: 'Since Monday the VPN disconnects on the hour.' } },
  });
  await web.app.call('POST', `/rest/servicedeskapi/request/${raised.body.issueKey}/comment`, { body: { body: 'Checking the gateway logs first.', public: false } });
  await web.app.call('POST', `/rest/servicedeskapi/request/${raised.body.issueKey}/comment`, { body: { body: 'Could you tell us which office you connect from?', public: true } });
  await deliver(fixture('unknown-sender-restricted-desk.eml', { DESK: deskAddress(help), CUSTOMER: 'stranger@example.test' }), help);

  const page = await web.newPage({ viewport: DESKTOP });
  await web.newStaffSignedIn(page, 'admin');
  await page.goto(web.consoleUrl('/customers?q=ada'));
  await page.getByRole('table', { name: 'Customers' }).waitFor();
  await shoot(page, 'directory');
  await page.getByRole('link', { name: 'Ada Lovelace' }).click();
  await page.getByRole('table', { name: 'Desks they may use, and why' }).waitFor();
  await shoot(page, 'profile');
  await page.goto(web.consoleUrl(`/organization/${org.id}`));
  const domains = page.getByRole('region', { name: 'Email domains' });
  await domains.getByLabel(/^Domains/).fill('example.test');
  await domains.getByLabel('Also add existing accounts of these domains').check();
  await domains.getByRole('button', { name: 'Preview (dry run)' }).click();
  await domains.getByText('Dry run: nothing changed.').waitFor();
  await shoot(page, 'organization-domains-dry-run');
  await page.goto(web.consoleUrl('/mail'));
  await page.getByRole('link', { name: 'Let me in' }).click();
  await page.getByRole('button', { name: 'Accept into a request' }).waitFor();
  await shoot(page, 'mail-message');
  await page.context().close();

  const phone = await web.newPage({ viewport: PHONE });
  await web.newStaffSignedIn(phone, 'agent', [help]);
  await phone.goto(web.consoleUrl(`/desk/${help.id}/customers`));
  await phone.getByLabel(/^Email addresses/).fill('new.colleague@example.test, not-an-address');
  await phone.getByRole('button', { name: 'Invite', exact: true }).click();
  await phone.getByRole('table', { name: 'Invitation outcomes' }).waitFor();
  await shoot(phone, 'desk-customers-phone');
  await phone.goto(web.consoleUrl(`/request/${raised.body.issueKey}`));
  await phone.getByRole('button', { name: 'Add comment' }).waitFor();
  await shoot(phone, 'request-phone');
  await phone.context().close();
}, 120_000);
