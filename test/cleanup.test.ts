/**
 * The daily cleanup of unaccepted invitations, run as of later times: invitations expire, untouched placeholder
 * accounts go, anything accepted or attached stays, and a second run changes nothing. Invitations are made through
 * the API; the cleanup runs through its Lambda handler or its domain function.
 */
import type { Context } from 'aws-lambda';
import { sweepExpiredInvitations, type CleanupReport, type SweepOptions } from '#domain/cleanup';
import { latestCleanupReports } from '#store/cleanup';
import { dynamo, storeMeter } from '#store/client';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { addDeskCustomers, addMembers, auditOf, createDesk, createOrganization, deskCustomersOf } from '#harness/desks';
import { accept, invitationsOf, invite, inviteOne, lastMail, linkToken, signIn } from '#harness/portal';
import { handler, type CleanupEvent } from '../functions/cleanup';
import { CLEANUP_TABLE_ACTIONS } from '../infra/constructs/data';

const DAY_MS = 86_400_000;
const daysLater = (days: number) => new Date(Date.now() + days * DAY_MS);

/** A fresh table per test, so each report counts only that test's invitations. */
let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  jest.restoreAllMocks();
  delete process.env.CLEANUP_GRACE_DAYS;
  delete process.env.CLEANUP_REMINDER_DAYS;
  await app.close();
});

const sweep = (days: number, options: Omit<SweepOptions, 'now'> = {}) => sweepExpiredInvitations({ now: daysLater(days), ...options });

/** Through the Lambda handler, as the EventBridge schedule invokes it. */
const scheduledRun = async (days: number): Promise<CleanupReport> => {
  const event = { 'detail-type': 'Scheduled Event', source: 'aws.events', time: daysLater(days).toISOString(), detail: {} } as CleanupEvent;
  const context = { functionName: 'cleanup', awsRequestId: 'test', getRemainingTimeInMillis: () => 300_000 } as unknown as Context;
  return handler(event, context);
};

const NOTHING_DONE = {
  expired: 0, skippedAccepted: 0, skippedChanged: 0, accountsRemoved: 0, accountsKept: { total: 0, byReason: {} }, remindersSent: 0, errors: 0,
};
const profileStatus = async (accountId: string) => (await app.call('GET', `/rest/admin/1/customer/${accountId}`)).status;
const statusesOf = async (ids: string[], status: string) =>
  (await invitationsOf(app, `status=${status}`)).filter((i) => ids.includes(i.id)).map((i) => i.id).sort();

it('as of 8 days later, an unaccepted invitation expires and its untouched placeholder account is removed; a second run changes nothing', async () => {
  const desk = await createDesk(app);
  const invited = await inviteOne(app, { serviceDeskId: desk.id });
  expect(await deskCustomersOf(app, desk)).toEqual([invited.accountId]);

  const report = await scheduledRun(8);
  expect(report).toMatchObject({ ...NOTHING_DONE, expired: 1, accountsRemoved: 1, complete: true, dryRun: false });
  expect(await statusesOf([invited.invitationId], 'expired')).toEqual([invited.invitationId]);
  expect(await profileStatus(invited.accountId)).toBe(404);
  expect(await deskCustomersOf(app, desk)).toEqual([]);
  expect((await accept(app, invited.token)).status).toBe(400);
  // Exactly these events (written in one transaction, some share a time: their order among themselves is not fixed).
  const actionsOf = async (subject: string) => (await auditOf(app, subject)).map((e) => e.action).sort();
  expect(await actionsOf(`accountId=${invited.accountId}`)).toEqual(['account.created', 'account.removed.unaccepted', 'invitation.created', 'invitation.expired']);
  expect(await actionsOf(`serviceDeskId=${desk.id}`)).toEqual(['account.removed.unaccepted', 'invitation.created', 'invitation.expired', 'servicedesk.created', 'servicedesk.requesttype.created']);
  // The report is kept as an item.
  expect((await latestCleanupReports(1))[0]).toMatchObject({ runId: report.runId, expired: 1, accountsRemoved: 1 });

  expect(await scheduledRun(8)).toMatchObject({ ...NOTHING_DONE, complete: true });
  // The email is free again: inviting it makes a new account.
  const [again] = await invite(app, [invited.email]);
  expect(again).toMatchObject({ outcome: 'invited' });
  expect(again?.accountId).not.toBe(invited.accountId);
});

it('leaves alone an invitation accepted while the cleanup runs (between its read and its write)', async () => {
  const invited = await inviteOne(app);
  const client = dynamo();
  const send = client.send.bind(client);
  let accepted = false;
  jest.spyOn(client, 'send').mockImplementation(async (command: { constructor: { name: string }; input?: any }) => {
    const expiring = command.input?.TransactItems?.[0]?.Put?.Item;
    if (!accepted && expiring?.id === invited.invitationId && expiring.status === 'expired') {
      accepted = true;
      expect((await accept(app, invited.token)).status).toBe(200);
    }
    return send(command as never);
  });

  expect(await sweep(8)).toMatchObject({ ...NOTHING_DONE, skippedAccepted: 1 });
  expect(accepted).toBe(true);
  jest.restoreAllMocks();
  expect(await statusesOf([invited.invitationId], 'accepted')).toEqual([invited.invitationId]);
  expect((await signIn(app, invited.email)).status).toBe(200);
  expect(await sweep(8)).toMatchObject(NOTHING_DONE);
});

it('keeps placeholder accounts with something attached, and removes one once its other invitation has expired too', async () => {
  const [first, second, third] = [await createDesk(app), await createDesk(app), await createDesk(app)];
  const member = await inviteOne(app);
  await addMembers(app, await createOrganization(app), [member.accountId]);
  const addedByAgent = await inviteOne(app);
  await addDeskCustomers(app, third, [addedByAgent.accountId]);
  const twice = await inviteOne(app, { serviceDeskId: first.id });
  const [later] = await invite(app, [twice.email], { serviceDeskId: second.id, expiresInDays: 30 });
  expect(later).toMatchObject({ outcome: 'invited', accountId: twice.accountId });

  expect(await sweep(8)).toMatchObject({
    ...NOTHING_DONE,
    expired: 3,
    accountsKept: { total: 3, byReason: { 'organization-member': 1, 'desk-customer': 1, 'other-pending-invitation': 1 } },
  });
  for (const { accountId } of [member, addedByAgent, twice]) expect(await profileStatus(accountId)).toBe(200);
  expect(await sweep(8)).toMatchObject(NOTHING_DONE);

  // Once the second invitation has expired as well, nothing holds the account: it goes, with both desk links.
  expect(await sweep(31)).toMatchObject({ ...NOTHING_DONE, expired: 1, accountsRemoved: 1 });
  expect(await profileStatus(twice.accountId)).toBe(404);
  expect([...(await deskCustomersOf(app, first)), ...(await deskCustomersOf(app, second))]).toEqual([]);
  for (const { accountId } of [member, addedByAgent]) expect(await profileStatus(accountId)).toBe(200);
  expect(await sweep(31)).toMatchObject(NOTHING_DONE);
});

it('keeps a placeholder account that has a request (raised on its behalf), whatever else it lacks', async () => {
  const desk = await createDesk(app, 'open');
  const reporter = await inviteOne(app);
  const requestTypeId = (await app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
  const raised = await app.call('POST', '/rest/servicedeskapi/request', {
    body: { serviceDeskId: desk.id, requestTypeId, requestFieldValues: { summary: 'Phoned in' }, raiseOnBehalfOf: reporter.accountId },
  });
  expect(raised.status).toBe(201);
  expect(await sweep(8)).toMatchObject({ ...NOTHING_DONE, expired: 1, accountsKept: { total: 1, byReason: { 'has-requests': 1 } } });
  expect(await profileStatus(reporter.accountId)).toBe(200);
});

it('keeps the placeholder account through the grace period (CLEANUP_GRACE_DAYS), and a later run removes it', async () => {
  process.env.CLEANUP_GRACE_DAYS = '3';
  const invited = await inviteOne(app);

  expect(await sweep(8)).toMatchObject({ ...NOTHING_DONE, expired: 1, accountsKept: { total: 1, byReason: { 'grace-period': 1 } } });
  expect(await profileStatus(invited.accountId)).toBe(200);
  expect(await sweep(9.9)).toMatchObject(NOTHING_DONE);
  expect(await profileStatus(invited.accountId)).toBe(200);
  expect(await sweep(10.1)).toMatchObject({ ...NOTHING_DONE, accountsRemoved: 1 });
  expect(await profileStatus(invited.accountId)).toBe(404);
});

it('a dry run reports what it would do and changes nothing', async () => {
  const invited = await inviteOne(app);

  expect(await sweep(8, { dryRun: true })).toMatchObject({ ...NOTHING_DONE, expired: 1, accountsRemoved: 1, dryRun: true, complete: true });
  expect(await statusesOf([invited.invitationId], 'pending')).toEqual([invited.invitationId]);
  expect(await profileStatus(invited.accountId)).toBe(200);
  expect(await latestCleanupReports(10)).toEqual([]);
  // The real run still finds everything to do.
  expect(await sweep(8)).toMatchObject({ ...NOTHING_DONE, expired: 1, accountsRemoved: 1 });
});

it('a run stopped by its time budget leaves the rest to the next run', async () => {
  const results = await invite(app, Array.from({ length: 5 }, () => uniqueEmail('many')));
  const ids = results.map((r) => r.invitationId as string);
  let checks = 0;
  // One worker: the sweep checks the time before the page and before each invitation; the fourth check finds none left.
  const stopped = await sweep(8, { remainingMs: () => (++checks <= 3 ? 60_000 : 5_000), config: { concurrency: 1, reserveMs: 10_000 } });
  expect(stopped).toMatchObject({ ...NOTHING_DONE, expired: 2, accountsRemoved: 2, complete: false });
  expect(await statusesOf(ids, 'pending')).toHaveLength(3);

  expect(await sweep(8)).toMatchObject({ ...NOTHING_DONE, expired: 3, accountsRemoved: 3, complete: true });
  expect(await statusesOf(ids, 'expired')).toEqual([...ids].sort());
  expect(await sweep(8)).toMatchObject(NOTHING_DONE);
});

it('sends one reminder with a fresh link a configured number of days before the expiry (CLEANUP_REMINDER_DAYS), never to a suspended invitee', async () => {
  process.env.CLEANUP_REMINDER_DAYS = '2';
  const desk = await createDesk(app, 'restricted', 'Payroll help');
  const invited = await inviteOne(app, { serviceDeskId: desk.id });
  const suspended = await inviteOne(app, { serviceDeskId: desk.id });
  expect((await app.call('PUT', `/rest/servicedeskapi/customer/user/${suspended.accountId}/revoke-portal-only-access`)).status).toBe(204);

  expect(await sweep(4)).toMatchObject(NOTHING_DONE);
  expect(await sweep(5.5)).toMatchObject({ ...NOTHING_DONE, remindersSent: 1 });
  const mails = await app.inbox(invited.email);
  expect(mails).toHaveLength(2);
  expect(mails[1]?.subject).toBe("Reminder: You're invited to the Payroll help help center");
  const fresh = linkToken(await lastMail(app, invited.email), 'invitation/accept');
  expect(fresh).not.toBe(invited.token);

  expect(await sweep(6)).toMatchObject(NOTHING_DONE);
  expect(await app.inbox(invited.email)).toHaveLength(2);
  expect(await app.inbox(suspended.email)).toHaveLength(1);
  // The reminder's link is the one that works now.
  expect((await accept(app, invited.token)).status).toBe(400);
  expect((await accept(app, fresh)).status).toBe(200);
});

it('reads only what is due: with nothing due, a run is two Queries and the report', async () => {
  await invite(app, Array.from({ length: 20 }, () => uniqueEmail('notdue')));
  storeMeter.reset();
  expect(await sweep(1)).toMatchObject({ ...NOTHING_DONE, complete: true });
  expect(storeMeter.read().commands).toEqual({ QueryCommand: 2, PutItemCommand: 1 });
});

it('sends only DynamoDB commands that the cleanup function\'s IAM grant allows (infra CLEANUP_TABLE_ACTIONS)', async () => {
  process.env.CLEANUP_REMINDER_DAYS = '2';
  const member = await inviteOne(app);
  await addMembers(app, await createOrganization(app), [member.accountId]);
  await inviteOne(app, { serviceDeskId: (await createDesk(app)).id });
  const client = dynamo();
  const send = client.send.bind(client);
  const used = new Set<string>();
  jest.spyOn(client, 'send').mockImplementation(async (command: { constructor: { name: string }; input?: any }) => {
    const kind = command.constructor.name.replace(/Command$/, '');
    if (kind === 'TransactWrite') for (const item of command.input.TransactItems) used.add(`dynamodb:${Object.keys(item)[0]}Item`);
    else used.add(kind === 'Query' ? 'dynamodb:Query' : `dynamodb:${kind}Item`);
    return send(command as never);
  });

  expect(await sweep(5.5)).toMatchObject({ remindersSent: 2 });
  expect(await sweep(8)).toMatchObject({ expired: 2, accountsRemoved: 1, accountsKept: { total: 1 } });
  expect([...used].sort()).toEqual([...CLEANUP_TABLE_ACTIONS].sort());
});
