/**
 * The customer portal in a real browser: playwright-core driving the Chromium of npm's @sparticuz/chromium (no
 * browser of the machine's own) against a test app whose gateway serves portal/dist. The invitation link comes from
 * the local SES.
 */
import { uniqueEmail } from '#harness/app';
import { createDesk } from '#harness/desks';
import { PASSWORD, PORTAL_URL, bearer, invite, lastMail, linkToken, signedInCustomer } from '#harness/portal';
import { DESKTOP, PHONE, usePortalBrowser } from '#harness/portal-browser';

const portal = usePortalBrowser();
const { newPage, portalLink, signIn } = portal;

describe('the customer portal in Chromium', () => {
  it('invitation mail -> password set -> request raised -> listed -> an agent reply shows on the request', async () => {
    const desk = await createDesk(portal.app, 'restricted', 'Browser desk');
    const email = uniqueEmail('browser');
    const [result] = await invite(portal.app, [email], { serviceDeskId: desk.id });
    expect(result?.outcome).toBe('invited');
    const token = linkToken(await lastMail(portal.app, email), 'invitation/accept');
    const link = portalLink(`${PORTAL_URL}/invitation/accept?token=${encodeURIComponent(token)}`);

    const page = await newPage();
    const document = await page.goto(link);
    expect(document?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await page.getByLabel('Your name').fill('Browser Customer');
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Accept and sign in' }).click();

    await page.getByRole('heading', { name: 'Desks' }).waitFor();
    await page.getByRole('link', { name: 'Raise a request on Browser desk' }).click();
    await page.getByLabel('Summary').fill('Printer on fire');
    await page.getByLabel('Description').fill('Smoke everywhere');
    await page.getByRole('button', { name: 'Send request' }).click();
    const key = `${desk.projectKey}-1`;
    await page.getByRole('heading', { name: `${key}: Printer on fire` }).waitFor();

    await page.getByRole('link', { name: 'My requests' }).click();
    await page.getByRole('link', { name: `${key}: Printer on fire` }).waitFor();

    expect((await portal.app.call('POST', `/rest/servicedeskapi/request/${key}/comment`, { body: { body: 'An agent is on it', public: true } })).status).toBe(201);
    expect((await portal.app.call('POST', `/rest/servicedeskapi/request/${key}/comment`, { body: { body: 'Internal note', public: false } })).status).toBe(201);
    await page.getByRole('link', { name: `${key}: Printer on fire` }).click();
    const comments = page.getByRole('region', { name: 'Comments' });
    await comments.getByText('An agent is on it').waitFor();
    expect(await comments.getByText('Internal note').count()).toBe(0);

    await page.getByLabel('Your reply').fill('Thanks!');
    await page.getByRole('button', { name: 'Add reply' }).click();
    await comments.getByText('Thanks!').waitFor();

    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByText(email).waitFor();
    await page.context().close();
  });

  it('sign-up on an open desk: the same notice for everyone, the mailed link finishes it', async () => {
    const desk = await createDesk(portal.app, 'open', 'Sign-up desk');
    const email = uniqueEmail('signup');
    const page = await newPage();
    await page.goto(`${portal.app.url}/portal/signin`);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.goto(`${page.url()}?desk=${desk.id}`);
    await page.getByRole('heading', { name: 'Sign up' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Your name').fill('Signed Up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('Check your inbox').waitFor();

    const token = linkToken(await lastMail(portal.app, email), 'invitation/accept');
    await page.goto(portalLink(`${PORTAL_URL}/invitation/accept?token=${encodeURIComponent(token)}`));
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.getByRole('link', { name: 'Raise a request on Sign-up desk' }).waitFor();
    await page.context().close();
  });

  it('a suspended customer cannot sign in, sees why, and keeps what they typed', async () => {
    const customer = await signedInCustomer(portal.app);
    expect((await portal.app.call('PUT', `/rest/servicedeskapi/customer/user/${customer.accountId}/revoke-portal-only-access`)).status).toBe(204);
    const page = await newPage();
    await signIn(page, customer.email);
    // The wrong password's answer, word for word: a suspension is not told to whoever holds the email.
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Invalid email or password');
    expect(await page.getByLabel('Email').inputValue()).toBe(customer.email);
    expect(page.url()).toContain('/portal/signin');
    await page.context().close();
  });

  // The request list's "Whose" filter (issue 18, item 4) at both widths: none of the three shows another's request.
  it.each([
    ['375', PHONE],
    ['1280', DESKTOP],
  ])("a customer never sees another customer's request, whichever list they choose, at %s px", async (_width, viewport) => {
    const desk = await createDesk(portal.app, 'open', 'Open desk');
    const typeId = (await portal.app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
    const other = await signedInCustomer(portal.app);
    const theirs = await portal.app.call('POST', '/rest/servicedeskapi/request', {
      as: bearer(other.session),
      body: { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary: 'Secret of theirs' } },
    });
    expect(theirs.status).toBe(201);

    const me = await signedInCustomer(portal.app);
    const page = await newPage({ viewport });
    await signIn(page, me.email);
    await page.getByRole('heading', { name: 'Desks' }).waitFor();
    await page.goto(`${portal.app.url}/portal/request/${theirs.body.issueKey}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Secret of theirs').count()).toBe(0);
    for (const whose of ['Raised by me', 'Shared with me', 'My organizations']) {
      await page.goto(`${portal.app.url}/portal/requests`);
      await page.getByLabel('Whose').selectOption({ label: whose });
      await page.getByRole('button', { name: 'Show requests' }).click();
      await page.getByText('No requests here.').waitFor();
    }
    await page.context().close();
  });
});
