/**
 * The one rule that decides who may see and use a request: its reporter, its participants and the members of the
 * organization it is shared with when that organization is linked to the request's desk (each only while they may
 * still use the desk), the desk's agents and admins. Everyone else gets 404.
 */
import { randomBytes } from 'node:crypto';
import { processInboundMail } from '#domain/inbound-mail';
import { mailDomain } from '#mail/ses';
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';
import { addDeskCustomers, addMembers, createAgent, createDesk, createOrganization, linkOrganization, type Desk, type Organization, firstRequestTypeId } from '#harness/desks';
import { bearer, signedInCustomer, type Session } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const requestTypeOf = (deskId: string): Promise<string> => firstRequestTypeId(app, deskId);

const raise = async (session: Session, desk: Desk, extra: Record<string, unknown> = {}) =>
  app.call('POST', '/rest/servicedeskapi/request', {
    as: bearer(session),
    body: { serviceDeskId: desk.id, requestTypeId: await requestTypeOf(desk.id), requestFieldValues: { summary: 'Printer on fire', description: 'Smoke', ...extra } },
  });

const reads = async (session: Session, issueKey: string) => ({
  request: (await app.call('GET', `/rest/servicedeskapi/request/${issueKey}`, { as: bearer(session) })).status,
  comments: (await app.call('GET', `/rest/servicedeskapi/request/${issueKey}/comment`, { as: bearer(session) })).status,
  comment: (await app.call('POST', `/rest/servicedeskapi/request/${issueKey}/comment`, { as: bearer(session), body: { body: 'me too', public: true } })).status,
});
const ALLOWED = { request: 200, comments: 200, comment: 201 };
const HIDDEN = { request: 404, comments: 404, comment: 404 };

const keysOf = async (session: Session, query = '') =>
  (await app.call('GET', `/rest/servicedeskapi/request${query}`, { as: bearer(session) })).body.values.map((r: { issueKey: string }) => r.issueKey);

/** A restricted desk with a direct customer (the reporter) and an organization linked to it. */
const restrictedDesk = async () => {
  const desk = await createDesk(app, 'restricted');
  const reporter = await signedInCustomer(app, desk);
  const linked = await createOrganization(app);
  await linkOrganization(app, desk, linked);
  await addMembers(app, linked, [reporter.accountId]);
  return { desk, reporter, linked };
};

const memberOf = async (org: Organization) => {
  const member = await signedInCustomer(app);
  await addMembers(app, org, [member.accountId]);
  return member;
};

describe('sharing a request with an organization', () => {
  it('refuses an organization that is not linked to the desk, and its members never see the request', async () => {
    const { desk, reporter } = await restrictedDesk();
    const unlinked = await createOrganization(app);
    await addMembers(app, unlinked, [reporter.accountId]);
    const outsider = await memberOf(unlinked);
    expectJsmError(await raise(reporter.session, desk, { organizationId: unlinked.id }), 400);
    expect(await keysOf(outsider.session, '?requestOwnership=ALL_ORGANIZATIONS')).toEqual([]);
  });

  it('refuses an organization linked only to another desk', async () => {
    const { desk, reporter } = await restrictedDesk();
    const other = await createDesk(app, 'restricted');
    const elsewhere = await createOrganization(app);
    await linkOrganization(app, other, elsewhere);
    await addMembers(app, elsewhere, [reporter.accountId]);
    expectJsmError(await raise(reporter.session, desk, { organizationId: elsewhere.id }), 400);
  });

  it('lets members of a linked organization read and comment; unlinking it takes the request away', async () => {
    const { desk, reporter, linked } = await restrictedDesk();
    const colleague = await memberOf(linked);
    const { issueKey } = (await raise(reporter.session, desk, { organizationId: linked.id })).body;
    expect(await reads(colleague.session, issueKey)).toEqual(ALLOWED);
    expect(await keysOf(colleague.session, '?requestOwnership=ALL_ORGANIZATIONS')).toEqual([issueKey]);

    const unlink = await app.call('DELETE', `/rest/servicedeskapi/servicedesk/${desk.id}/organization`, { body: { organizationId: linked.id } });
    expect(unlink.status).toBe(204);
    expect(await reads(colleague.session, issueKey)).toEqual(HIDDEN);
    expect(await keysOf(colleague.session, '?requestOwnership=ALL_ORGANIZATIONS')).toEqual([]);
  });

  it('a member removed from the organization loses the request', async () => {
    const { desk, reporter, linked } = await restrictedDesk();
    const colleague = await memberOf(linked);
    const { issueKey } = (await raise(reporter.session, desk, { organizationId: linked.id })).body;
    await app.call('DELETE', `/rest/servicedeskapi/organization/${linked.id}/user`, { body: { accountIds: [colleague.accountId] } });
    expect(await reads(colleague.session, issueKey)).toEqual(HIDDEN);
  });
});

describe('replies by email', () => {
  const replyByMail = (from: string, desk: Desk, issueKey: string) => {
    const to = `${desk.projectKey.toLowerCase()}@${mailDomain()}`;
    const raw = Buffer.from(`From: <${from}>\r\nTo: ${to}\r\nSubject: Re: [${issueKey}] Printer on fire\r\nMessage-ID: <${randomBytes(8).toString('hex')}@customer.test>\r\n\r\nStill burning.\r\n`);
    const verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;
    return processInboundMail({ sesMessageId: randomBytes(20).toString('hex'), raw, recipients: [to], verdicts });
  };

  it('are accepted only from someone the rule admits: a member of an organization no longer linked is refused', async () => {
    const { desk, reporter, linked } = await restrictedDesk();
    const colleague = await memberOf(linked);
    const { issueKey } = (await raise(reporter.session, desk, { organizationId: linked.id })).body;
    expect((await replyByMail(colleague.email, desk, issueKey)).entry.outcome).toBe('commented');
    await app.call('DELETE', `/rest/servicedeskapi/servicedesk/${desk.id}/organization`, { body: { organizationId: linked.id } });
    const refused = (await replyByMail(colleague.email, desk, issueKey)).entry;
    expect(refused.outcome).toBe('rejected');
    const comments = await app.call('GET', `/rest/servicedeskapi/request/${issueKey}/comment`);
    expect(comments.body.values).toHaveLength(1);
  });
});

describe('participants', () => {
  it('refuses a participant who may not use the desk, from a customer and from an agent', async () => {
    const { desk, reporter } = await restrictedDesk();
    const agent = await createAgent(app, desk);
    const stranger = await signedInCustomer(app);
    const { issueKey } = (await raise(reporter.session, desk)).body;
    const path = `/rest/servicedeskapi/request/${issueKey}/participant`;
    const byCustomer = await app.call('POST', path, { as: bearer(reporter.session), body: { accountIds: [stranger.accountId] } });
    expect(JSON.stringify(byCustomer.body)).not.toContain(stranger.email);
    expectJsmError(byCustomer, 400);
    expectJsmError(await app.call('POST', path, { as: agent, body: { accountIds: [stranger.accountId] } }), 400);
    expect(await reads(stranger.session, issueKey)).toEqual(HIDDEN);
    expectJsmError(
      await app.call('POST', '/rest/servicedeskapi/request', {
        as: agent,
        body: { serviceDeskId: desk.id, requestTypeId: await requestTypeOf(desk.id), requestFieldValues: { summary: 'x' }, requestParticipants: [stranger.accountId] },
      }),
      400,
    );
  });

  it('a participant with access reads and comments; a customer sees no other customer email', async () => {
    const { desk, reporter } = await restrictedDesk();
    const friend = await signedInCustomer(app, desk);
    const { issueKey } = (await raise(reporter.session, desk)).body;
    const added = await app.call('POST', `/rest/servicedeskapi/request/${issueKey}/participant`, { as: bearer(reporter.session), body: { accountIds: [friend.accountId] } });
    expect(added.status).toBe(200);
    expect(added.body.values).toEqual([expect.objectContaining({ accountId: friend.accountId, displayName: expect.any(String) })]);
    expect(JSON.stringify(added.body)).not.toContain(friend.email);
    expect(await reads(friend.session, issueKey)).toEqual(ALLOWED);
    const seenByFriend = await app.call('GET', `/rest/servicedeskapi/request/${issueKey}`, { as: bearer(friend.session) });
    expect(JSON.stringify(seenByFriend.body)).not.toContain(reporter.email);
    const seenByAdmin = await app.call('GET', `/rest/servicedeskapi/request/${issueKey}/participant`);
    expect(seenByAdmin.body.values[0].emailAddress).toBe(friend.email);

    // Removed from the desk, the participant loses the request.
    await app.call('DELETE', `/rest/servicedeskapi/servicedesk/${desk.id}/customer`, { body: { accountIds: [friend.accountId] } });
    expect(await reads(friend.session, issueKey)).toEqual(HIDDEN);
    expect(await keysOf(friend.session, '?requestOwnership=PARTICIPATED_REQUESTS')).toEqual([]);
  });
});

describe('losing access to the desk', () => {
  it('a reporter removed from a restricted desk no longer sees their request; added back, sees it again', async () => {
    const desk = await createDesk(app, 'restricted');
    const reporter = await signedInCustomer(app, desk);
    const { issueKey } = (await raise(reporter.session, desk)).body;
    await app.call('DELETE', `/rest/servicedeskapi/servicedesk/${desk.id}/customer`, { body: { accountIds: [reporter.accountId] } });
    expect(await reads(reporter.session, issueKey)).toEqual(HIDDEN);
    expect(await keysOf(reporter.session)).toEqual([]);
    await addDeskCustomers(app, desk, [reporter.accountId]);
    expect((await reads(reporter.session, issueKey)).request).toBe(200);
  });

  it('a page of my requests fills from older entries when the newest are on a desk I lost', async () => {
    const kept = await createDesk(app, 'restricted');
    const lost = await createDesk(app, 'restricted');
    const reporter = await signedInCustomer(app, kept);
    await addDeskCustomers(app, lost, [reporter.accountId]);
    const older = [(await raise(reporter.session, kept, { summary: 'older 1' })).body.issueKey, (await raise(reporter.session, kept, { summary: 'older 2' })).body.issueKey];
    for (let i = 0; i < 3; i += 1) expect((await raise(reporter.session, lost, { summary: `newer ${i}` })).status).toBe(201);
    await app.call('DELETE', `/rest/servicedeskapi/servicedesk/${lost.id}/customer`, { body: { accountIds: [reporter.accountId] } });
    const page = await app.call('GET', '/rest/servicedeskapi/request?requestOwnership=OWNED_REQUESTS&limit=2', { as: bearer(reporter.session) });
    expect(page.body.values.map((r: { issueKey: string }) => r.issueKey)).toEqual([...older].reverse());
    expect(page.body.isLastPage).toBe(true);
  });

  it('an open desk made restricted takes requests away from customers who are not its customers', async () => {
    const desk = await createDesk(app, 'open');
    const reporter = await signedInCustomer(app);
    const { issueKey } = (await raise(reporter.session, desk)).body;
    expect((await reads(reporter.session, issueKey)).request).toBe(200);
    await app.call('PATCH', `/rest/admin/1/servicedesk/${desk.id}`, { body: { access: 'restricted' } });
    expect(await reads(reporter.session, issueKey)).toEqual(HIDDEN);
  });
});

describe('transitions', () => {
  it('a customer asking for a transition they may not use gets the same status whatever the transition', async () => {
    const { desk, reporter } = await restrictedDesk();
    const { issueKey } = (await raise(reporter.session, desk)).body;
    const statusOf = async (id: string) =>
      (await app.call('POST', `/rest/servicedeskapi/request/${issueKey}/transition`, { as: bearer(reporter.session), body: { id } })).status;
    // "Respond to customer" is for agents; "Close" is not available now; 99 does not exist.
    expect(new Set([await statusOf('1'), await statusOf('4'), await statusOf('99')])).toEqual(new Set([400]));
  });
});

describe('organization names', () => {
  it('an existing name tells an agent who may not see that organization nothing about it', async () => {
    const desk = await createDesk(app, 'restricted');
    const org = await createOrganization(app, `Secret ${Date.now()}`);
    await linkOrganization(app, desk, org);
    const otherAgent = await createAgent(app, await createDesk(app));
    expect((await app.call('GET', `/rest/servicedeskapi/organization/${org.id}`, { as: otherAgent })).status).toBe(403);
    const again = await app.call('POST', '/rest/servicedeskapi/organization', { as: otherAgent, body: { name: org.name.toUpperCase() } });
    expectJsmError(again, 409);
    expect(JSON.stringify(again.body)).not.toContain(org.id === '1' ? '"1"' : org.id);
    expect(JSON.stringify(again.body)).not.toContain(org.name);
    // An admin (who may see it) gets the organization back, with 201 as JSM answers.
    const byAdmin = await app.call('POST', '/rest/servicedeskapi/organization', { body: { name: org.name.toUpperCase() } });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.id).toBe(org.id);
  });
});
