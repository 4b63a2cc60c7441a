/**
 * JSM clients as integrations use them (issue 12), through jira.js: what JSM accepts, we accept (booleans in any
 * case, `usernames` beside `accountIds`, ids in bodies, repeated list parameters, `expand`, comment visibility, the
 * list filters), and what JSM does not document is still refused, clearly. Request lists: owned + participated +
 * organizations by default, latest activity first.
 */
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { addMembers, createAgent, createDesk, createOrganization, deskCustomersOf, linkOrganization, membersOf, uniqueName, type Desk, type Staff } from '#harness/desks';
import { errorOf, jsmClient, jsmTransport, statusOf } from '#harness/jsm-client';
import { signedInCustomer, type Session } from '#harness/portal';

let app: TestApp;
let desk: Desk;
let agent: Staff;
beforeAll(async () => {
  app = await startTestApp();
  desk = await createDesk(app, 'restricted');
  agent = await createAgent(app, desk);
});
afterAll(() => app.close());

const typeOf = async (d: Desk) => (await jsmClient(app, app.admin).servicedesk.getRequestTypes({ serviceDeskId: d.id })).values![0]!.id!;
const raise = async (session: Session, summary: string, extra: Record<string, unknown> = {}, requestTypeId?: string) =>
  jsmClient(app, session).request.createCustomerRequest({
    serviceDeskId: desk.id,
    requestTypeId: requestTypeId ?? (await typeOf(desk)),
    requestFieldValues: { summary, description: 'From a script', ...extra },
  });

describe('inputs JSM documents are accepted', () => {
  it('reads booleans in any case: strictConflictStatusCode=True answers 409 for an email that exists, FALSE 400', async () => {
    const { emailAddress } = await app.createCustomer(uniqueEmail('bool'));
    const send = jsmTransport(app, app.admin);
    const body = { email: emailAddress, displayName: 'Again' };
    expect(await statusOf(send('POST', '/rest/servicedeskapi/customer', { body, searchParams: { strictConflictStatusCode: 'True' } }))).toBe(409);
    expect(await statusOf(send('POST', '/rest/servicedeskapi/customer', { body, searchParams: { strictConflictStatusCode: 'FALSE' } }))).toBe(400);
    expect(await errorOf(send('POST', '/rest/servicedeskapi/customer', { body, searchParams: { strictConflictStatusCode: 'yes' } }))).toMatch(/strictConflictStatusCode must be true or false/);
  });

  it('takes usernames beside accountIds when adding and removing desk customers and organization members', async () => {
    const admin = jsmClient(app, app.admin);
    const { accountId } = await app.createCustomer(uniqueEmail('names'));
    await admin.servicedesk.addCustomers({ serviceDeskId: desk.id, accountIds: [accountId], usernames: [] });
    expect(await deskCustomersOf(app, desk)).toContain(accountId);
    await jsmTransport(app, app.admin)('DELETE', `/rest/servicedeskapi/servicedesk/${desk.id}/customer`, { body: { accountIds: [accountId], usernames: [] } });
    expect(await deskCustomersOf(app, desk)).not.toContain(accountId);

    const org = await createOrganization(app);
    const body = { accountIds: [accountId], usernames: [], organizationId: Number(org.id) };
    await admin.organization.addUsersToOrganization({ organizationId: Number(org.id), body });
    expect(await membersOf(app, org)).toEqual([accountId]);
    await admin.organization.removeUsersFromOrganization({ organizationId: Number(org.id), body });
    expect(await membersOf(app, org)).toEqual([]);
    // usernames alone do nothing in JSM Cloud: still a 400 that says what to send.
    expect(await errorOf(admin.servicedesk.addCustomers({ serviceDeskId: desk.id, accountIds: [], usernames: ['fred'] }))).toMatch(/Give accountIds/);
  });

  it("links an organization with serviceDeskId in the body, and lists one account's organizations of a desk", async () => {
    const admin = jsmClient(app, app.admin);
    const [mine, other] = [await createOrganization(app), await createOrganization(app)];
    const { accountId } = await app.createCustomer(uniqueEmail('orgs'));
    await addMembers(app, mine, [accountId]);
    for (const org of [mine, other]) await admin.organization.addOrganization({ serviceDeskId: desk.id, body: { organizationId: Number(org.id), serviceDeskId: desk.id } });
    const all = await admin.organization.getServiceDeskOrganizations({ serviceDeskId: desk.id, limit: 100 });
    expect(all.values!.map((o) => o.id)).toEqual(expect.arrayContaining([mine.id, other.id]));
    const ofAccount = await admin.organization.getServiceDeskOrganizations({ serviceDeskId: desk.id, accountId });
    expect(ofAccount.values!.map((o) => o.id)).toEqual([mine.id]);
  });

  it('lists public or internal comments as asked; customers never get internal ones', async () => {
    const customer = await signedInCustomer(app, desk);
    const { issueKey } = await raise(customer.session, 'Comment filters');
    const staff = jsmClient(app, agent);
    await staff.request.createRequestComment({ issueIdOrKey: issueKey!, body: 'Public answer', public: true });
    await staff.request.createRequestComment({ issueIdOrKey: issueKey!, body: 'Internal note', public: false });
    const bodies = async (client: ReturnType<typeof jsmClient>, filter: { public?: boolean; internal?: boolean }) =>
      (await client.request.getRequestComments({ issueIdOrKey: issueKey!, ...filter })).values!.map((c) => c.body);
    expect(await bodies(staff, {})).toEqual(['Public answer', 'Internal note']);
    expect(await bodies(staff, { public: false })).toEqual(['Internal note']);
    expect(await bodies(staff, { internal: false })).toEqual(['Public answer']);
    expect(await bodies(staff, { public: false, internal: false })).toEqual([]);
    expect(await bodies(jsmClient(app, customer.session), { internal: true })).toEqual(['Public answer']);
    expect(await bodies(jsmClient(app, customer.session), { public: false })).toEqual([]);
  });

  it('performs a transition whose additionalComment has a null body, adding no comment', async () => {
    const customer = await signedInCustomer(app, desk);
    const client = jsmClient(app, customer.session);
    const { issueKey } = await raise(customer.session, 'Null comment');
    await client.request.performCustomerTransition({ issueIdOrKey: issueKey!, id: '3', additionalComment: { body: null as unknown as string } });
    expect((await client.request.getCustomerRequestByIdOrKey({ issueIdOrKey: issueKey! })).currentStatus?.status).toBe('Resolved');
    expect((await client.request.getRequestComments({ issueIdOrKey: issueKey! })).values).toEqual([]);
  });

  it('honours expand=participant,status,requestType,serviceDesk on a request and accepts the other documented values', async () => {
    const [customer, friend] = [await signedInCustomer(app, desk), await signedInCustomer(app, desk)];
    const { issueKey } = await raise(customer.session, 'Expand me');
    const client = jsmClient(app, customer.session);
    await client.request.addRequestParticipants({ issueIdOrKey: issueKey!, accountIds: [friend.accountId], usernames: [] });
    const plain = await client.request.getCustomerRequestByIdOrKey({ issueIdOrKey: issueKey! });
    expect(plain.participants).toBeUndefined();
    const expand = ['participant', 'status', 'requestType', 'serviceDesk', 'sla', 'action', 'comment'];
    const expanded = await client.request.getCustomerRequestByIdOrKey({ issueIdOrKey: issueKey!, expand });
    expect(expanded.participants?.values?.map((u) => u.accountId)).toEqual([friend.accountId]);
    expect(expanded.status?.values?.map((s) => s.status)).toEqual(['Waiting for support']);
    expect(expanded.requestType).toMatchObject({ id: plain.requestTypeId, serviceDeskId: desk.id });
    expect(expanded.serviceDesk).toMatchObject({ id: desk.id, projectKey: desk.projectKey });
    expect(expanded.sla).toBeUndefined();
  });

  it('finds request types by searchQuery (name or description), and expands their fields', async () => {
    const typed = await createDesk(app, 'restricted');
    await app.call('POST', `/rest/admin/1/servicedesk/${typed.id}/requesttype`, { body: { name: 'Hardware request', description: 'Laptops and screens' } });
    const admin = jsmClient(app, app.admin);
    const names = async (params: Record<string, unknown>) =>
      (await admin.servicedesk.getRequestTypes({ serviceDeskId: typed.id, ...params })).values!.map((t) => t.name);
    expect(await names({ searchQuery: 'hardw' })).toEqual(['Hardware request']);
    expect(await names({ searchQuery: 'SCREENS' })).toEqual(['Hardware request']);
    expect(await names({ searchQuery: 'nothing like it' })).toEqual([]);
    expect(await names({ restrictionStatus: 'restricted' })).toEqual([]);
    const withFields = await admin.servicedesk.getRequestTypes({ serviceDeskId: typed.id, expand: ['field'], includeHiddenRequestTypesInSearch: true });
    expect(withFields.values![0]!.fields?.requestTypeFields?.map((f) => f.fieldId)).toEqual(['summary', 'description']);
  });
});

describe('what JSM does not document is still refused', () => {
  it('names the unknown field in a body and in a query, with 400', async () => {
    const customer = await signedInCustomer(app, desk);
    const send = jsmTransport(app, customer.session);
    const body = { serviceDeskId: desk.id, requestTypeId: await typeOf(desk), requestFieldValues: { summary: 'Hi' }, priority: 'high' };
    expect(await errorOf(send('POST', '/rest/servicedeskapi/request', { body }))).toMatch(/unknown field "priority"/);
    expect(await errorOf(send('GET', '/rest/servicedeskapi/request', { searchParams: { colour: 'red' } }))).toMatch(/unknown field "colour"/);
    expect(await errorOf(send('GET', '/rest/servicedeskapi/request', { searchParams: { requestOwnership: ['OWNED_REQUESTS', 'MINE'] } }))).toMatch(/requestOwnership/);
  });
});

describe('request lists, as JSM lists them', () => {
  it('by default lists owned, participated and organization requests, latest activity first; filters combine', async () => {
    const org = await createOrganization(app, uniqueName('Team'));
    await linkOrganization(app, desk, org);
    const [reporter, other, colleague] = [await signedInCustomer(app, desk), await signedInCustomer(app, desk), await signedInCustomer(app, desk)];
    await addMembers(app, org, [reporter.accountId, colleague.accountId]);
    const second = (await app.call('POST', `/rest/admin/1/servicedesk/${desk.id}/requesttype`, { body: { name: uniqueName('Second type') } })).body.id as string;
    const owned = (await raise(reporter.session, 'Owned printer')).issueKey!;
    const shared = (await raise(reporter.session, 'Shared scanner', { organizationId: org.id }, second)).issueKey!;
    const participated = (await raise(other.session, 'Their laptop')).issueKey!;
    await jsmClient(app, other.session).request.addRequestParticipants({ issueIdOrKey: participated, accountIds: [reporter.accountId] });

    const client = jsmClient(app, reporter.session);
    const keys = async (params: Parameters<typeof client.request.getCustomerRequests>[0] = {}, who = client) =>
      (await who.request.getCustomerRequests(params)).values!.map((r) => r.issueKey);
    expect(await keys()).toEqual([participated, shared, owned]);
    // A comment is activity: the oldest request comes first.
    await jsmClient(app, agent).request.createRequestComment({ issueIdOrKey: owned, body: 'Looking', public: true });
    expect(await keys()).toEqual([owned, participated, shared]);
    expect(await keys({}, jsmClient(app, colleague.session))).toEqual([shared]);
    const empty = await jsmTransport(app, reporter.session)('GET', '/rest/servicedeskapi/request', { searchParams: { requestOwnership: '' } });
    expect(empty.values.map((r: { issueKey: string }) => r.issueKey)).toEqual([owned, participated, shared]);

    expect(await keys({ requestOwnership: ['OWNED_REQUESTS'] })).toEqual([owned, shared]);
    expect(await keys({ requestOwnership: ['OWNED_REQUESTS', 'PARTICIPATED_REQUESTS'] })).toEqual([owned, participated, shared]);
    expect(await keys({ requestOwnership: ['APPROVER'] })).toEqual([]);
    expect(await keys({ approvalStatus: 'MY_PENDING_APPROVAL' })).toEqual([]);
    expect(await keys({ requestTypeId: Number(second) })).toEqual([shared]);
    expect(await keys({ searchTerm: 'LAPTOP' })).toEqual([participated]);
    // Words in any order, and a request's key.
    expect(await keys({ searchTerm: 'scanner shared' })).toEqual([shared]);
    expect(await keys({ searchTerm: owned.toLowerCase() })).toEqual([owned]);
    await client.request.performCustomerTransition({ issueIdOrKey: owned, id: '3' });
    expect(await keys({ requestStatus: 'CLOSED_REQUESTS' })).toEqual([owned]);
    expect(await keys({ requestStatus: 'OPEN_REQUESTS', requestOwnership: ['ORGANIZATION'], organizationId: Number(org.id) })).toEqual([shared]);
  });

  it('creating an organization whose name exists answers 201 with that organization, as JSM does', async () => {
    const admin = jsmClient(app, app.admin);
    const first = await admin.organization.createOrganization({ name: uniqueName('Umbrella') });
    const again = await admin.organization.createOrganization({ name: ` ${first.name!.toUpperCase()} ` });
    expect(again).toEqual(first);
  });
});
