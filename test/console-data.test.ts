/**
 * What the staff console's views read beyond what other tests cover (the directory search, a profile's access reasons
 * and the domain dry run have theirs): a customer's invitations with where each stands, one logged message with its
 * headers and text, a desk's queue (open requests first) and the requests one customer raised on it, an
 * organization's domains and linked desks. Agents read their own desks only; admins everything.
 */
import { randomBytes } from 'node:crypto';
import { processInboundMail } from '#domain/inbound-mail';
import { mailDomain } from '#mail/ses';
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { createAgent, createDesk, createOrganization, linkOrganization, uniqueDomain, type Desk, type Staff } from '#harness/desks';
import { PASS } from '#harness/mail';
import { bearer, invite, signedInCustomer } from '#harness/portal';

let app: TestApp;
let R: Desk;
let X: Desk;
let agentOfR: Staff;
let agentOfX: Staff;
beforeAll(async () => {
  app = await startTestApp();
  [R, X] = [await createDesk(app, 'restricted'), await createDesk(app, 'restricted')];
  [agentOfR, agentOfX] = [await createAgent(app, R), await createAgent(app, X)];
});
afterAll(() => app.close());

const statuses = async (query: string, as?: Staff) => {
  const answer = await app.call('GET', `/rest/admin/1/invitation?${query}`, as ? { as } : {});
  expect(answer.status).toBe(200);
  return answer.body.values.map((v: { serviceDeskId: string; status: string }) => `${v.serviceDeskId} ${v.status}`);
};

describe("a customer's invitations (GET /rest/admin/1/invitation?accountId=)", () => {
  it('lists every invitation of the account, newest first, each with where it stands; status narrows it', async () => {
    const email = uniqueEmail('invitee');
    const [toR] = await invite(app, [email], { serviceDeskId: R.id });
    await invite(app, [email], { serviceDeskId: X.id });
    expect((await app.call('DELETE', `/rest/admin/1/invitation/${toR!.invitationId}`)).status).toBe(204);
    const accountId = toR!.accountId!;
    expect(await statuses(`accountId=${accountId}`)).toEqual([`${X.id} pending`, `${R.id} revoked`]);
    expect(await statuses(`accountId=${accountId}&status=pending`)).toEqual([`${X.id} pending`]);
    expect(await statuses(`accountId=${accountId}&limit=1&start=1`)).toEqual([`${R.id} revoked`]);
  });

  it("an agent reads those to their own desk only", async () => {
    const [toR] = await invite(app, [uniqueEmail('invitee')], { serviceDeskId: R.id });
    const accountId = toR!.accountId!;
    expect(await statuses(`accountId=${accountId}&serviceDeskId=${R.id}`, agentOfR)).toEqual([`${R.id} pending`]);
    expectJsmError(await app.call('GET', `/rest/admin/1/invitation?accountId=${accountId}`, { as: agentOfR }), 403);
    expectJsmError(await app.call('GET', `/rest/admin/1/invitation?accountId=${accountId}&serviceDeskId=${R.id}`, { as: agentOfX }), 403);
  });
});

describe('one logged message (GET /rest/admin/1/mail/{id})', () => {
  it('shows a refused message with its reason, header fields and text, to admins only', async () => {
    const from = uniqueEmail('stranger');
    const to = `${R.projectKey.toLowerCase()}@${mailDomain()}`;
    const raw = Buffer.from(`From: Stranger <${from}>\r\nTo: ${to}\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nX-Mailer: Test\r\n\r\nLet me in, please.\r\n`);
    const { entry } = await processInboundMail({ sesMessageId: randomBytes(20).toString('hex'), raw, recipients: [to], verdicts: PASS });
    const answer = await app.call('GET', `/rest/admin/1/mail/${entry.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: entry.id, from, fromName: 'Stranger', subject: 'Grüße', outcome: 'rejected', reason: expect.any(String) });
    expect(answer.body.text.trim()).toBe('Let me in, please.');
    expect(answer.body.headers).toEqual([
      { name: 'from', value: `Stranger <${from}>` },
      { name: 'to', value: to },
      { name: 'subject', value: 'Grüße' },
      { name: 'x-mailer', value: 'Test' },
    ]);
    expectJsmError(await app.call('GET', `/rest/admin/1/mail/${entry.id}`, { as: agentOfR }), 403);
    expectJsmError(await app.call('GET', '/rest/admin/1/mail/no-such-message'), 404);
  });
});

describe("a desk's queue (GET /rest/servicedeskapi/request?requestOwnership=ALL_REQUESTS&serviceDeskId=)", () => {
  it("gives the desk's agent its open requests, then its closed ones; another desk's agent sees none of them", async () => {
    const customer = await signedInCustomer(app, R);
    const typeId = (await app.call('GET', `/rest/servicedeskapi/servicedesk/${R.id}/requesttype`)).body.values[0].id;
    const raise = async (summary: string) =>
      (await app.call('POST', '/rest/servicedeskapi/request', { as: bearer(customer.session), body: { serviceDeskId: R.id, requestTypeId: typeId, requestFieldValues: { summary } } })).body.issueKey as string;
    const [first, resolved, last] = [await raise('First'), await raise('Resolved'), await raise('Last')];
    expect((await app.call('POST', `/rest/servicedeskapi/request/${resolved}/transition`, { as: agentOfR, body: { id: '3' } })).status).toBe(204);

    const queue = async (status: string, as: Staff) => {
      const answer = await app.call('GET', `/rest/servicedeskapi/request?requestOwnership=ALL_REQUESTS&serviceDeskId=${R.id}&requestStatus=${status}`, { as });
      expect(answer.status).toBe(200);
      return answer.body.values.map((r: { issueKey: string }) => r.issueKey);
    };
    expect(await queue('OPEN_REQUESTS', agentOfR)).toEqual([last, first]);
    expect(await queue('CLOSED_REQUESTS', agentOfR)).toEqual([resolved]);
    expect(await queue('ALL_REQUESTS', agentOfX)).toEqual([]);

    // The desk's customers view: what this customer raised here (GET /rest/admin/1/customer/{id}/request?serviceDeskId=).
    const raisedBy = (query: string, as: Staff) => app.call('GET', `/rest/admin/1/customer/${customer.accountId}/request?${query}`, { as });
    const keys = (answer: { body: { values: Array<{ issueKey: string }> } }) => answer.body.values.map((r) => r.issueKey);
    expect(keys(await raisedBy(`serviceDeskId=${R.id}`, agentOfR))).toEqual([resolved, last, first]);
    expect(keys(await raisedBy(`serviceDeskId=${R.id}&requestStatus=OPEN_REQUESTS&limit=1`, agentOfR))).toEqual([last]);
    expect(keys(await raisedBy(`serviceDeskId=${X.id}`, agentOfX))).toEqual([]);
    expectJsmError(await raisedBy(`serviceDeskId=${R.id}`, agentOfX), 403);
    expectJsmError(await raisedBy('', agentOfR), 400);
  });
});

describe("an organization's domains and linked desks", () => {
  it('admins read the domains as set; the linked desks are listed, an agent seeing only those they work on', async () => {
    const org = await createOrganization(app);
    await linkOrganization(app, R, org);
    await linkOrganization(app, X, org);
    const domain = uniqueDomain();
    expect((await app.call('PUT', `/rest/admin/1/organization/${org.id}/domains`, { body: { domains: [domain] } })).status).toBe(200);
    expect((await app.call('GET', `/rest/admin/1/organization/${org.id}/domains`)).body).toEqual({ domains: [domain] });
    expectJsmError(await app.call('GET', `/rest/admin/1/organization/${org.id}/domains`, { as: agentOfR }), 403);

    const desks = async (as?: Staff) =>
      (await app.call('GET', `/rest/admin/1/organization/${org.id}/servicedesk`, as ? { as } : {})).body.values.map((d: { id: string }) => d.id);
    expect(await desks()).toEqual([R.id, X.id]);
    expect(await desks(agentOfR)).toEqual([R.id]);
    expect(await desks(agentOfX)).toEqual([X.id]);
    const unlinked = await createOrganization(app);
    await linkOrganization(app, X, unlinked);
    expectJsmError(await app.call('GET', `/rest/admin/1/organization/${unlinked.id}/servicedesk`, { as: agentOfR }), 403);
  });
});
