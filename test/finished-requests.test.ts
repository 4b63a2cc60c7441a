/**
 * Finished requests, as JSM treats them: a customer's reply (in the portal or by email) reopens a resolved request;
 * a closed one takes no more replies from customers, who raise a follow-up linked to it instead (email does that by
 * itself); and customers resolve their own requests through JSM's customer transition.
 */
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';
import { addMembers, createDesk, createOrganization, linkOrganization, type Desk } from '#harness/desks';
import { deliver, deskAddress } from '#harness/mail';
import { bearer, signedInCustomer } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const request = (key: string) => `/rest/servicedeskapi/request/${key}`;

/** A customer of a new restricted desk and a request they raised; `status` moves it there as an agent would. */
const raised = async (status?: 'Resolved' | 'Closed') => {
  const desk = await createDesk(app, 'restricted');
  const customer = await signedInCustomer(app, desk);
  const as = bearer(customer.session);
  const typeId = (await app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
  const body = { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary: 'Printer on fire', description: 'Smoke' } };
  const { issueKey } = (await app.call('POST', '/rest/servicedeskapi/request', { as, body })).body;
  if (status) expect((await app.call('POST', `${request(issueKey)}/transition`, { body: { id: '3' } })).status).toBe(204);
  if (status === 'Closed') expect((await app.call('POST', `${request(issueKey)}/transition`, { body: { id: '4' } })).status).toBe(204);
  return { desk, customer, as, issueKey: issueKey as string, typeId: typeId as string };
};

const statusOf = async (key: string) => (await app.call('GET', request(key))).body.currentStatus.status as string;
const history = async (key: string) => ((await app.call('GET', `${request(key)}/status`)).body.values as Array<{ status: string }>).map((s) => s.status);

/** A plain reply by email from the customer, naming the request in its subject. */
const replyByEmail = (desk: Desk, from: string, key: string, text: string) =>
  deliver(
    Buffer.from(
      `From: Ada Customer <${from}>\r\nTo: ${deskAddress(desk)}\r\nSubject: Re: [${key}] Printer on fire\r\n` +
        `Message-ID: <${key}-${Math.random().toString(36).slice(2)}@customer.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${text}\r\n`,
    ),
    desk,
  );

describe('a reply to a resolved request reopens it', () => {
  it('in the portal: back to waiting for support, with a history entry, first in the desk\'s list', async () => {
    const { desk, as, issueKey, typeId } = await raised('Resolved');
    const later = await app.call('POST', '/rest/servicedeskapi/request', { as, body: { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary: 'Raised later' } } });
    expect(later.status).toBe(201);
    expect((await app.call('POST', `${request(issueKey)}/comment`, { as, body: { body: 'It is burning again', public: true } })).status).toBe(201);
    expect(await statusOf(issueKey)).toBe('Waiting for support');
    expect(await history(issueKey)).toEqual(['Waiting for support', 'Resolved', 'Waiting for support']);
    const queue = await app.call('GET', `/rest/servicedeskapi/request?requestOwnership=ALL_REQUESTS&serviceDeskId=${desk.id}`);
    expect(queue.body.values[0]).toMatchObject({ issueKey, currentStatus: { status: 'Waiting for support' } });
  });

  it('by email, the same way', async () => {
    const { desk, customer, issueKey } = await raised('Resolved');
    const { entry } = await replyByEmail(desk, customer.email, issueKey, 'Still burning.');
    expect(entry).toMatchObject({ outcome: 'commented', issueKey });
    expect(await statusOf(issueKey)).toBe('Waiting for support');
  });

  it("an agent's public comment on a resolved request leaves it resolved", async () => {
    const { issueKey } = await raised('Resolved');
    expect((await app.call('POST', `${request(issueKey)}/comment`, { body: { body: 'Glad it works', public: true } })).status).toBe(201);
    expect(await statusOf(issueKey)).toBe('Resolved');
  });
});

describe('a closed request', () => {
  it("refuses a customer's reply with 409 and says what to do instead, and changes nothing", async () => {
    const { as, issueKey } = await raised('Closed');
    const message = expectJsmError(await app.call('POST', `${request(issueKey)}/comment`, { as, body: { body: 'Hello?', public: true } }), 409);
    expect(message).toBe(`${issueKey} is closed and takes no more replies: raise a follow-up request instead`);
    expect((await app.call('GET', `${request(issueKey)}/comment`)).body.size).toBe(0);
    expect(await statusOf(issueKey)).toBe('Closed');
  });

  it('is announced to its customer in plain words, with a reply raising a follow-up, not a comment', async () => {
    const { customer } = await raised('Closed');
    const texts = (await app.inbox(customer.email)).map((m) => m.body.text ?? '');
    const resolved = texts.find((t) => t.includes('changed from "With the help desk" to "Resolved"'));
    const closed = texts.find((t) => t.includes('changed from "Resolved" to "Closed"'));
    expect(resolved).toContain('Reply to this email to add a comment.');
    expect(closed).toContain('This request is closed: reply to this email to raise a follow-up request.');
    expect(closed).not.toContain('to add a comment');
  });

  it('takes a follow-up from its customer: a new request on the same desk and type, linked to it', async () => {
    const { desk, as, issueKey, typeId } = await raised('Closed');
    const answer = await app.call('POST', `/rest/portal/1/request/${issueKey}/followup`, { as, body: { summary: 'Burning again', description: 'Since this morning' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ serviceDeskId: desk.id, requestTypeId: typeId, followUpOf: issueKey, currentStatus: { status: 'Waiting for support' }, channel: 'portal' });
    expect((await app.call('GET', request(answer.body.issueKey), { as })).body.followUpOf).toBe(issueKey);
  });

  it("carries over its custom field values (a required one included) and its organization while the reporter may still share with it", async () => {
    const desk = await createDesk(app, 'restricted');
    const org = await createOrganization(app);
    await linkOrganization(app, desk, org);
    const fields = [
      { fieldId: 'customfield_10010', name: 'Asset tag', type: 'text', required: true },
      { fieldId: 'customfield_10013', name: 'Colour', type: 'select', values: ['Black', 'Silver'] },
      { fieldId: 'customfield_10002', name: 'Organizations', type: 'organizations' },
    ];
    const typeId = (await app.call('POST', `/rest/admin/1/servicedesk/${desk.id}/requesttype`, { body: { name: 'Broken hardware', fields } })).body.id;
    const [customer, leaver] = [await signedInCustomer(app, desk), await signedInCustomer(app, desk)];
    await addMembers(app, org, [customer.accountId, leaver.accountId]);
    const custom = { customfield_10010: 'LT-42', customfield_10013: { id: '2' }, customfield_10002: [{ id: org.id }] };
    const closed = async (as: ReturnType<typeof bearer>) => {
      const body = { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary: 'Laptop broken', ...custom } };
      const { issueKey } = (await app.call('POST', '/rest/servicedeskapi/request', { as, body })).body;
      for (const id of ['3', '4']) expect((await app.call('POST', `${request(issueKey)}/transition`, { body: { id } })).status).toBe(204);
      return issueKey as string;
    };
    const followUp = (as: ReturnType<typeof bearer>, key: string) => app.call('POST', `/rest/portal/1/request/${key}/followup`, { as, body: { summary: 'Broken again' } });
    const carried = [
      { fieldId: 'customfield_10010', label: 'Asset tag', value: 'LT-42' },
      { fieldId: 'customfield_10013', label: 'Colour', value: { id: '2', value: 'Silver' } },
    ];

    const answer = await followUp(bearer(customer.session), await closed(bearer(customer.session)));
    expect(answer.status).toBe(201);
    expect(answer.body.requestFieldValues.slice(2)).toEqual([...carried, { fieldId: 'customfield_10002', label: 'Organizations', value: [{ id: org.id }] }]);
    // Shared as the closed request was: a fellow member sees it.
    expect((await app.call('GET', request(answer.body.issueKey), { as: bearer(leaver.session) })).status).toBe(200);

    // Someone who left the organization raises the follow-up unshared, rather than being refused.
    const key = await closed(bearer(leaver.session));
    expect((await app.call('DELETE', `/rest/servicedeskapi/organization/${org.id}/user`, { body: { accountIds: [leaver.accountId] } })).status).toBe(204);
    const unshared = await followUp(bearer(leaver.session), key);
    expect(unshared.status).toBe(201);
    expect(unshared.body.requestFieldValues.slice(2)).toEqual(carried);
    expect((await app.call('GET', request(unshared.body.issueKey), { as: bearer(customer.session) })).status).toBe(404);
  });

  it('a follow-up of a request that is not closed is refused: reply on it instead', async () => {
    const { as, issueKey } = await raised('Resolved');
    expect(expectJsmError(await app.call('POST', `/rest/portal/1/request/${issueKey}/followup`, { as, body: { summary: 'Again' } }), 409)).toMatch(/not closed/);
  });

  it('a reply to it by email raises the follow-up by itself', async () => {
    const { desk, customer, issueKey } = await raised('Closed');
    const { entry } = await replyByEmail(desk, customer.email, issueKey, 'It is back.');
    expect(entry).toMatchObject({ outcome: 'accepted', reason: `follow-up of ${issueKey} (closed)` });
    expect(entry.issueKey).not.toBe(issueKey);
    expect((await app.call('GET', request(entry.issueKey!))).body).toMatchObject({ followUpOf: issueKey, channel: 'email' });
    expect(await statusOf(issueKey)).toBe('Closed');
  });
});

describe('customers finish their own requests', () => {
  it("resolve one through JSM's customer transition, and can reopen it", async () => {
    const { as, issueKey } = await raised();
    const offered = (await app.call('GET', `${request(issueKey)}/transition`, { as })).body.values.map((t: { id: string }) => t.id);
    expect(offered).toContain('3');
    expect((await app.call('POST', `${request(issueKey)}/transition`, { as, body: { id: '3' } })).status).toBe(204);
    expect(await statusOf(issueKey)).toBe('Resolved');
    expect((await app.call('POST', `${request(issueKey)}/transition`, { as, body: { id: '5' } })).status).toBe(204);
    expect(await statusOf(issueKey)).toBe('Waiting for support');
  });
});
