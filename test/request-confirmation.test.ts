/**
 * The mail that confirms a new request to its reporter (JSM's "Request created" customer notification), for requests
 * raised in the portal or through the API. The email channel's acknowledgement is inbound-mail.test.ts's.
 */
import { ses, SesError } from '#mail/ses';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { createAgent, createDesk, firstRequestTypeId } from '#harness/desks';
import { deliver, deskAddress, fixture, senderFor } from '#harness/mail';
import { bearer, inviteOne, signedInCustomer } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const requestTypeOf = (deskId: string): Promise<string> => firstRequestTypeId(app, deskId);

const body = (deskId: string, requestTypeId: string, summary: string, extra: Record<string, unknown> = {}) => ({
  serviceDeskId: deskId,
  requestTypeId,
  requestFieldValues: { summary, description: 'It does not work' },
  ...extra,
});

it('mails the reporter who raised it once, with its key, summary and link; a retried call mails nothing more', async () => {
  const desk = await createDesk(app, 'open');
  const typeId = await requestTypeOf(desk.id);
  const { session, email } = await signedInCustomer(app);
  const before = (await app.inbox(email)).length;
  const raised = await app.call('POST', '/rest/servicedeskapi/request', { as: bearer(session), body: body(desk.id, typeId, 'Printer on fire') });
  expect(raised.status).toBe(201);
  const again = await app.call('POST', '/rest/servicedeskapi/request', { as: bearer(session), body: body(desk.id, typeId, 'Printer on fire') });
  expect(again.body.issueKey).toBe(raised.body.issueKey);

  const confirmations = (await app.inbox(email)).slice(before);
  expect(confirmations).toHaveLength(1);
  expect(confirmations[0]!.subject).toBe(`[${raised.body.issueKey}] Printer on fire`);
  expect(confirmations[0]!.body.text).toContain(`filed it as ${raised.body.issueKey}`);
  expect(confirmations[0]!.body.text).toContain(`/request/${raised.body.issueKey}`);
});

it('mails the customer an agent raised it for, active or still invited, not the agent', async () => {
  const desk = await createDesk(app, 'open');
  const agent = await createAgent(app, desk);
  const active = await app.createCustomer(uniqueEmail('behalf'));
  const invited = await inviteOne(app, { serviceDeskId: desk.id });
  for (const [accountId, email] of [[active.accountId, active.emailAddress], [invited.accountId, invited.email]] as const) {
    const raised = await app.call('POST', '/rest/servicedeskapi/request', {
      as: { token: agent.token, email: agent.email },
      body: body(desk.id, await requestTypeOf(desk.id), 'Raised for you', { raiseOnBehalfOf: accountId }),
    });
    expect(raised.status).toBe(201);
    expect((await app.inbox(email)).filter((m) => m.subject.startsWith('[')).map((m) => m.subject)).toEqual([`[${raised.body.issueKey}] Raised for you`]);
    expect((await app.inbox(agent.email)).filter((m) => m.subject.includes(raised.body.issueKey))).toEqual([]);
  }
});

it('keeps the request when SES refuses the confirmation: 201, and the request is there', async () => {
  const desk = await createDesk(app, 'open');
  const { session, email } = await signedInCustomer(app);
  const refusal = jest.spyOn(ses, 'call').mockRejectedValue(new SesError('Throttling', 'Maximum sending rate exceeded', 400));
  const raised = await app.call('POST', '/rest/servicedeskapi/request', { as: bearer(session), body: body(desk.id, await requestTypeOf(desk.id), 'Still raised') });
  const refused = refusal.mock.calls.length;
  refusal.mockRestore();
  expect(raised.status).toBe(201);
  expect(refused).toBe(1);
  expect((await app.call('GET', `/rest/servicedeskapi/request/${raised.body.issueKey}`, { as: bearer(session) })).body.issueKey).toBe(raised.body.issueKey);
  expect((await app.inbox(email)).filter((m) => m.subject.includes(raised.body.issueKey))).toEqual([]);
});

it('sends none on a desk that does not acknowledge requests, by the API or by email; turning it back on sends them again', async () => {
  const desk = await createDesk(app, 'open');
  const typeId = await requestTypeOf(desk.id);
  const switched = await app.call('PATCH', `/rest/admin/1/servicedesk/${desk.id}`, { body: { acknowledgeRequests: false } });
  expect(switched.body).toMatchObject({ acknowledgeRequests: false, ccParticipants: true });
  const { session, email } = await signedInCustomer(app);
  const quiet = await app.call('POST', '/rest/servicedeskapi/request', { as: bearer(session), body: body(desk.id, typeId, 'No mail please') });
  const sender = await senderFor(app, 'customer');
  const emailed = await deliver(fixture('plain-new-request.eml', { DESK: deskAddress(desk), CUSTOMER: sender.email }), desk);
  expect(emailed.entry).toMatchObject({ outcome: 'accepted' });
  expect(emailed.entry.acknowledgement).toBeUndefined();

  expect((await app.call('PATCH', `/rest/admin/1/servicedesk/${desk.id}`, { body: { acknowledgeRequests: true } })).body.acknowledgeRequests).toBe(true);
  const loud = await app.call('POST', '/rest/servicedeskapi/request', { as: bearer(session), body: body(desk.id, typeId, 'Mail again') });
  const subjects = (await app.inbox(email)).map((m) => m.subject);
  expect(subjects).not.toContain(`[${quiet.body.issueKey}] No mail please`);
  expect(subjects).toContain(`[${loud.body.issueKey}] Mail again`);
  expect((await app.inbox(sender.email)).filter((m) => m.subject.includes(emailed.entry.issueKey!))).toEqual([]);
});
