/**
 * JSM endpoints integrations call (issue 12), driven through jira.js: a comment by id, status history, request types
 * by id with their fields (custom fields and JSM's Organizations field), creating and deleting request types,
 * every request type, request type groups, inviting a customer, muting a request, and feedback once resolved.
 */
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { addMembers, createAgent, createDesk, createOrganization, linkOrganization, type Desk, type Organization, type Staff } from '#harness/desks';
import { errorOf, jsmClient, jsmTransport, statusOf } from '#harness/jsm-client';
import { signedInCustomer, type Session } from '#harness/portal';

let app: TestApp;
let desk: Desk;
let agent: Staff;
let org: Organization;
let typeId: string;
beforeAll(async () => {
  app = await startTestApp();
  desk = await createDesk(app, 'restricted');
  agent = await createAgent(app, desk);
  org = await createOrganization(app);
  await linkOrganization(app, desk, org);
  typeId = (await jsmClient(app, app.admin).servicedesk.getRequestTypes({ serviceDeskId: desk.id })).values![0]!.id!;
});
afterAll(() => app.close());

const raise = (session: Session, summary: string, requestFieldValues: Record<string, unknown> = {}, requestTypeId = typeId) =>
  jsmClient(app, session).request.createCustomerRequest({ serviceDeskId: desk.id, requestTypeId, requestFieldValues: { summary, ...requestFieldValues } });

/** A request type with one custom field of each kind, made through our admin route. */
const typeWithFields = async (): Promise<string> => {
  const fields = [
    { fieldId: 'customfield_10010', name: 'Asset tag', type: 'text', required: true },
    { fieldId: 'customfield_10011', name: 'Screens', type: 'number' },
    { fieldId: 'customfield_10012', name: 'Needed by', type: 'date' },
    { fieldId: 'customfield_10013', name: 'Colour', type: 'select', values: ['Black', 'Silver'] },
    { fieldId: 'customfield_10002', name: 'Organizations', type: 'organizations' },
  ];
  const created = await app.call('POST', `/rest/admin/1/servicedesk/${desk.id}/requesttype`, { body: { name: 'New laptop', fields } });
  expect(created.status).toBe(201);
  return created.body.id as string;
};

describe('comments and status history', () => {
  it('reads one comment by id (its own _links.self); an internal one is 404 to the customer', async () => {
    const customer = await signedInCustomer(app, desk);
    const { issueKey } = await raise(customer.session, 'Comment by id');
    const staff = jsmClient(app, agent);
    const open = await staff.request.createRequestComment({ issueIdOrKey: issueKey!, body: 'We ordered a part', public: true });
    const hidden = await staff.request.createRequestComment({ issueIdOrKey: issueKey!, body: 'It was cheap', public: false });
    const own = jsmClient(app, customer.session);
    const seen = await own.request.getRequestCommentById({ issueIdOrKey: issueKey!, commentId: Number(open.id) });
    expect(seen).toMatchObject({ id: open.id, body: 'We ordered a part', public: true, author: { accountId: agent.accountId } });
    // A customer never sees another person's email address.
    expect(seen.author?.emailAddress).toBeUndefined();
    expect(await statusOf(own.request.getRequestCommentById({ issueIdOrKey: issueKey!, commentId: Number(hidden.id) }))).toBe(404);
    expect((await staff.request.getRequestCommentById({ issueIdOrKey: issueKey!, commentId: Number(hidden.id) })).body).toBe('It was cheap');
    const self = new URL(open._links!.self!).pathname;
    expect((await jsmTransport(app, customer.session)('GET', self)).body).toBe('We ordered a part');
  });

  it('records each status change, newest first, including a hand-back by a customer reply', async () => {
    const customer = await signedInCustomer(app, desk);
    const { issueKey } = await raise(customer.session, 'Status history');
    await jsmClient(app, agent).request.performCustomerTransition({ issueIdOrKey: issueKey!, id: '1' });
    await jsmClient(app, customer.session).request.createRequestComment({ issueIdOrKey: issueKey!, body: 'Here you go', public: true });
    await jsmClient(app, customer.session).request.performCustomerTransition({ issueIdOrKey: issueKey!, id: '3' });
    const history = await jsmClient(app, customer.session).request.getCustomerRequestStatus({ issueIdOrKey: issueKey! });
    expect(history.values!.map((s) => [s.status, s.statusCategory])).toEqual([
      ['Resolved', 'DONE'],
      ['Waiting for support', 'NEW'],
      ['Waiting for customer', 'INDETERMINATE'],
      ['Waiting for support', 'NEW'],
    ]);
    const times = history.values!.map((s) => s.statusDate!.epochMillis!);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('records a change in the transaction of the change: racing transitions leave one entry per change that happened', async () => {
    const customer = await signedInCustomer(app, desk);
    const { issueKey } = await raise(customer.session, 'Race');
    // Both start from "Waiting for support"; the loser's transaction (status and history entry together) is refused.
    const attempts = await Promise.all([
      statusOf(jsmClient(app, agent).request.performCustomerTransition({ issueIdOrKey: issueKey!, id: '1' })),
      statusOf(jsmClient(app, customer.session).request.performCustomerTransition({ issueIdOrKey: issueKey!, id: '3' })),
      statusOf(jsmClient(app, agent).request.performCustomerTransition({ issueIdOrKey: issueKey!, id: '3' })),
    ]);
    const history = (await jsmClient(app, agent).request.getCustomerRequestStatus({ issueIdOrKey: issueKey! })).values!;
    expect(history).toHaveLength(attempts.filter((s) => s === 200).length + 1);
    expect(history[0]!.status).toBe((await jsmClient(app, agent).request.getCustomerRequestByIdOrKey({ issueIdOrKey: issueKey! })).currentStatus?.status);
  });
});

describe('request types and their fields', () => {
  it('gives a request type by id and its fields: required flags and valid values', async () => {
    const id = await typeWithFields();
    const customer = await signedInCustomer(app, desk);
    const client = jsmClient(app, customer.session);
    const type = await client.servicedesk.getRequestTypeById({ serviceDeskId: desk.id, requestTypeId: id });
    expect(type).toMatchObject({ id, name: 'New laptop', serviceDeskId: desk.id, groupIds: [desk.id] });
    const fields = await client.servicedesk.getRequestTypeFields({ serviceDeskId: desk.id, requestTypeId: Number(id) });
    expect(fields).toMatchObject({ canRaiseOnBehalfOf: false, canAddRequestParticipants: false });
    expect(fields.requestTypeFields!.map((f) => [f.fieldId, f.required, f.jiraSchema?.type])).toEqual([
      ['summary', true, 'string'],
      ['description', false, 'string'],
      ['customfield_10010', true, 'string'],
      ['customfield_10011', false, 'number'],
      ['customfield_10012', false, 'date'],
      ['customfield_10013', false, 'option'],
      ['customfield_10002', false, 'array'],
    ]);
    expect(fields.requestTypeFields![5]!.validValues).toEqual([{ value: '1', label: 'Black', children: [] }, { value: '2', label: 'Silver', children: [] }]);
    expect((await jsmClient(app, agent).servicedesk.getRequestTypeFields({ serviceDeskId: desk.id, requestTypeId: Number(id) })).canRaiseOnBehalfOf).toBe(true);
    expect(await statusOf(client.servicedesk.getRequestTypeById({ serviceDeskId: desk.id, requestTypeId: '999999' }))).toBe(404);
    const outsider = await signedInCustomer(app, await createDesk(app, 'restricted'));
    expect(await statusOf(jsmClient(app, outsider.session).servicedesk.getRequestTypeFields({ serviceDeskId: desk.id, requestTypeId: Number(id) }))).toBe(404);
  });

  it('refuses a request type whose fields repeat an id, or a select without options', async () => {
    const path = `/rest/admin/1/servicedesk/${desk.id}/requesttype`;
    const field = { fieldId: 'customfield_10020', name: 'Room', type: 'text' };
    expect((await app.call('POST', path, { body: { name: 'Twice', fields: [field, { ...field, name: 'Again' }] } })).body.errorMessage).toMatch(/Each field id may appear once: customfield_10020/);
    expect((await app.call('POST', path, { body: { name: 'No options', fields: [{ ...field, type: 'select' }] } })).status).toBe(400);
    expect((await app.call('POST', path, { body: { name: 'Bad id', fields: [{ ...field, fieldId: 'room' }] } })).body.errorMessage).toMatch(/customfield_ and 5 or 6 digits/);
  });

  it("validates requestFieldValues against the type's fields and returns them in JSM's shape", async () => {
    const id = await typeWithFields();
    const [reporter, colleague] = [await signedInCustomer(app, desk), await signedInCustomer(app, desk)];
    await addMembers(app, org, [reporter.accountId, colleague.accountId]);
    const values = { customfield_10010: 'LT-42', customfield_10011: 2, customfield_10012: '2027-01-31', customfield_10013: { id: '2' }, customfield_10002: [{ id: Number(org.id) }] };
    const created = await raise(reporter.session, 'Laptop please', values, id);
    expect(created.requestFieldValues).toEqual([
      { fieldId: 'summary', label: 'Summary', value: 'Laptop please' },
      { fieldId: 'description', label: 'Description', value: '' },
      { fieldId: 'customfield_10010', label: 'Asset tag', value: 'LT-42' },
      { fieldId: 'customfield_10011', label: 'Screens', value: 2 },
      { fieldId: 'customfield_10012', label: 'Needed by', value: '2027-01-31' },
      { fieldId: 'customfield_10013', label: 'Colour', value: { id: '2', value: 'Silver' } },
      { fieldId: 'customfield_10002', label: 'Organizations', value: [{ id: org.id }] },
    ]);
    // The Organizations field shared it: a member of the organization sees it under the access rule.
    expect((await jsmClient(app, colleague.session).request.getCustomerRequestByIdOrKey({ issueIdOrKey: created.issueKey! })).issueKey).toBe(created.issueKey);
    const refused = (extra: Record<string, unknown>) => errorOf(raise(reporter.session, 'Bad', { ...values, ...extra }, id));
    expect(await refused({ customfield_10010: undefined })).toMatch(/Asset tag \(customfield_10010\) is required/);
    expect(await refused({ customfield_10011: 'two' })).toMatch(/Screens \(customfield_10011\) must be a number/);
    expect(await refused({ customfield_10012: '31/01/2027' })).toMatch(/yyyy-MM-dd/);
    expect(await refused({ customfield_10013: { value: 'Gold' } })).toMatch(/Colour \(customfield_10013\) must be one of/);
    expect(await refused({ customfield_99999: 'x' })).toMatch(/Not fields of this request type: customfield_99999/);
    // Under the existing rule: an organization the reporter is not in, or not linked to the desk, is refused.
    const unlinked = await createOrganization(app);
    await addMembers(app, unlinked, [reporter.accountId]);
    expect(await refused({ customfield_10002: [{ id: unlinked.id }] })).toMatch(/shared only with an organization its reporter belongs to/);
    const stranger = await signedInCustomer(app, desk);
    expect(await errorOf(raise(stranger.session, 'Not mine', values, id))).toMatch(/shared only with an organization its reporter belongs to/);
  });

  it("creates and deletes request types at JSM's paths; lists every type and the desk's group", async () => {
    const send = jsmTransport(app, app.admin);
    const created = await send('POST', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`, { body: { issueTypeId: '10001', name: 'Access card', description: 'Lost or new cards', helpText: 'Say which door' } });
    expect(created).toMatchObject({ name: 'Access card', description: 'Lost or new cards', helpText: 'Say which door', serviceDeskId: desk.id });
    const customer = await signedInCustomer(app, desk);
    const everyType = await jsmTransport(app, customer.session)('GET', '/rest/servicedeskapi/requesttype', { searchParams: { searchQuery: 'card', serviceDeskId: [desk.id, '999999'] } });
    expect(everyType.values.map((t: { id: string }) => t.id)).toEqual([created.id]);
    const elsewhere = await createDesk(app, 'restricted');
    const hidden = await jsmTransport(app, customer.session)('GET', '/rest/servicedeskapi/requesttype', { searchParams: { serviceDeskId: elsewhere.id } });
    expect(hidden.values).toEqual([]);
    const groups = await jsmClient(app, customer.session).servicedesk.getRequestTypeGroups({ serviceDeskId: desk.id });
    expect(groups.values).toEqual([{ id: desk.id, name: 'General' }]);

    expect(await statusOf(jsmTransport(app, agent)('DELETE', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype/${created.id}`))).toBe(403);
    await send('DELETE', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype/${created.id}`);
    expect(await statusOf(jsmClient(app, app.admin).servicedesk.getRequestTypeById({ serviceDeskId: desk.id, requestTypeId: created.id }))).toBe(404);
    expect(await errorOf(raise(customer.session, 'Too late', {}, created.id))).toMatch(/No request type with this id/);
  });
});

describe('customers, notifications and feedback', () => {
  it("invites a customer to the desk with JSM's body, through our invitations", async () => {
    const email = uniqueEmail('jsm-invite');
    const result = await jsmTransport(app, agent)('POST', `/rest/servicedeskapi/servicedesk/${desk.id}/customer/invite`, { body: { email, displayName: 'Dana' } });
    expect(result).toMatchObject({ email, outcome: 'invited', accountId: expect.any(String) });
    expect((await app.inbox(email)).length).toBe(1);
    const listed = await app.call('GET', `/rest/admin/1/invitation?serviceDeskId=${desk.id}&limit=100`);
    expect(listed.body.values.map((i: { email: string }) => i.email)).toContain(email);
    const other = await createAgent(app, await createDesk(app));
    expect(await statusOf(jsmTransport(app, other)('POST', `/rest/servicedeskapi/servicedesk/${desk.id}/customer/invite`, { body: { email: uniqueEmail() } }))).toBe(403);
  });

  it('a customer who mutes a request gets no more mail about it, until they subscribe again', async () => {
    const [reporter, friend] = [await signedInCustomer(app, desk), await signedInCustomer(app, desk)];
    const { issueKey } = await raise(reporter.session, 'Mute me');
    const mine = jsmClient(app, reporter.session);
    await mine.request.addRequestParticipants({ issueIdOrKey: issueKey!, accountIds: [friend.accountId] });
    const updates = async (email: string) => (await app.inbox(email)).filter((m) => m.subject.startsWith(`[${issueKey}]`) && !m.body.text?.includes('We received your request')).length;
    const answer = (body: string) => jsmClient(app, agent).request.createRequestComment({ issueIdOrKey: issueKey!, body, public: true });

    expect(await mine.request.getSubscriptionStatus({ issueIdOrKey: issueKey! })).toEqual({ subscribed: true });
    await mine.request.unsubscribe({ issueIdOrKey: issueKey! });
    expect(await mine.request.getSubscriptionStatus({ issueIdOrKey: issueKey! })).toEqual({ subscribed: false });
    await answer('First answer');
    expect([await updates(reporter.email), await updates(friend.email)]).toEqual([0, 1]);
    await mine.request.subscribe({ issueIdOrKey: issueKey! });
    await answer('Second answer');
    expect([await updates(reporter.email), await updates(friend.email)]).toEqual([1, 2]);
    // An agent, who gets no mail about it, is never subscribed.
    expect(await jsmClient(app, agent).request.getSubscriptionStatus({ issueIdOrKey: issueKey! })).toEqual({ subscribed: false });
  });

  it('takes a rating of 1 to 5 with a comment from the reporter once the request is resolved', async () => {
    const [reporter, friend] = [await signedInCustomer(app, desk), await signedInCustomer(app, desk)];
    const { issueKey } = await raise(reporter.session, 'Rate me');
    await jsmClient(app, reporter.session).request.addRequestParticipants({ issueIdOrKey: issueKey!, accountIds: [friend.accountId] });
    const path = `/rest/servicedeskapi/request/${issueKey}/feedback`;
    const mine = jsmTransport(app, reporter.session);
    const feedback = { type: 'csat', rating: 5, comment: { body: 'Fast and friendly' } };
    expect(await errorOf(mine('POST', path, { body: feedback }))).toMatch(/once the request is resolved/);
    await jsmClient(app, reporter.session).request.performCustomerTransition({ issueIdOrKey: issueKey!, id: '3' });
    expect(await statusOf(mine('POST', path, { body: { ...feedback, rating: 6 } }))).toBe(400);
    expect(await statusOf(jsmTransport(app, friend.session)('POST', path, { body: feedback }))).toBe(403);
    expect(await mine('POST', path, { body: feedback })).toEqual(feedback);
    expect(await jsmTransport(app, agent)('GET', path)).toEqual(feedback);
    await mine('DELETE', path);
    expect(await statusOf(jsmTransport(app, agent)('GET', path))).toBe(404);
  });
});
