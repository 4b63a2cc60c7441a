/** Portal invitations through the local SES, accepted through the portal API. */
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const tokenFrom = (text: string | undefined): string => {
  const match = /invitation\/accept\?token=([A-Za-z0-9_%-]+)/.exec(text ?? '');
  if (!match?.[1]) throw new Error(`no invitation link in: ${text}`);
  return decodeURIComponent(match[1]);
};

describe('inviting customers (POST /rest/admin/1/invitation)', () => {
  it('gives each email its outcome and sends exactly one mail, whose link signs the customer in', async () => {
    const fresh = uniqueEmail('fresh');
    const active = await app.createCustomer();
    const answer = await app.call('POST', '/rest/admin/1/invitation', { body: { emails: [fresh, 'not an email', active.emailAddress] } });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { email: fresh, outcome: 'invited', accountId: expect.any(String), invitationId: expect.any(String) },
      { email: 'not an email', outcome: 'invalid' },
      { email: active.emailAddress, outcome: 'already-active', accountId: active.accountId },
    ]);
    const mails = await app.inbox(fresh);
    expect(mails).toHaveLength(1);
    expect(await app.inbox(active.emailAddress)).toHaveLength(0);
    expect(mails[0]!.subject).toMatch(/invited/);
    expect(mails[0]!.body.html).toContain('invitation/accept?token=');

    const accepted = await app.call('POST', '/rest/portal/1/invitation/accept', {
      as: null,
      body: { token: tokenFrom(mails[0]!.body.text), password: 'correct horse battery', displayName: 'Fresh Customer' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    const me = await app.call('GET', '/rest/portal/1/me', { as: { bearer: accepted.body.token } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ emailAddress: fresh, displayName: 'Fresh Customer', status: 'active' });

    const again = await app.call('POST', '/rest/portal/1/invitation/accept', { as: null, body: { token: tokenFrom(mails[0]!.body.text), password: 'another password' } });
    expectJsmError(again, 400);
  });
});
