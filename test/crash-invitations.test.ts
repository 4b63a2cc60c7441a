/**
 * Crash at every step of the invitation flows: inviting (one address, and several in one call), signing up,
 * resending, accepting, asking for a password reset and resetting. After each crash the caller retries as a browser
 * or API client would; then the table checker finds nothing and the work is done once: one account, one pending or
 * accepted invitation, one desk link, and the newest mail's link works (mail is at least once: docs/operations.md).
 */
import { acceptInvitation } from '#domain/invitation-acceptance';
import { inviteCustomers, resendInvitation } from '#domain/invitations';
import { forgotPassword, resetPassword, signIn, signUp } from '#domain/portal';
import { hashSecret } from '#domain/secrets';
import type { Caller } from '#model/caller';
import { getAccount, getEmailClaim } from '#store/accounts';
import { getInvitationIdByToken, invitationsOfAccount } from '#store/invitations';
import { isMember } from '#store/memberships';
import { getResetToken } from '#store/portal';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { adminCaller, crashEverywhere } from '#harness/crash';
import { createDesk, type Desk } from '#harness/desks';
import { PASSWORD, linkToken } from '#harness/portal';

let app: TestApp;
let admin: Caller;
let desk: Desk;
let otherDesk: Desk;
let openDesk: Desk;
beforeAll(async () => {
  app = await startTestApp();
  admin = await adminCaller(app);
  desk = await createDesk(app);
  otherDesk = await createDesk(app);
  openDesk = await createDesk(app, 'open');
});
afterAll(() => app.close());
afterEach(() => jest.restoreAllMocks());

const inviteTo = (d: Desk, emails: string[]) => inviteCustomers(admin, { emails, serviceDeskId: d.id, expiresInDays: 7 });
const newestToken = async (email: string, path: 'invitation/accept' | 'password/reset') => linkToken((await app.inbox(email)).at(-1), path);

/** One account, one invitation to the desk in `status`, the desk link; at least one mail, at most one per attempt. */
const expectInvited = async (email: string, status: 'pending' | 'accepted', maxMails: number, to = desk) => {
  const claim = await getEmailClaim(email);
  if (!claim) throw new Error(`no account for ${email}`);
  const invitations = (await invitationsOfAccount(claim.accountId)).filter((i) => i.serviceDeskId === to.id);
  expect(invitations.map((i) => i.status)).toEqual([status]);
  expect(await isMember({ kind: 'deskCustomers', deskId: to.id }, claim.accountId)).toBe(true);
  const mails = await app.inbox(email);
  expect(mails.length).toBeGreaterThanOrEqual(1);
  expect(mails.length).toBeLessThanOrEqual(maxMails);
  if (status === 'pending') expect(await getInvitationIdByToken(hashSecret(await newestToken(email, 'invitation/accept')))).toBe(invitations[0]!.id);
};

/** An invited address: its invitation id and the token of its mail. */
const invited = async (email = uniqueEmail('invited')) => {
  const [result] = await inviteTo(desk, [email]);
  return { email, invitationId: result!.invitationId!, token: await newestToken(email, 'invitation/accept') };
};

it('inviting one address: one account, one pending invitation, and its newest mail works', async () => {
  const { steps, problems } = await crashEverywhere({
    setUp: async () => uniqueEmail('invite'),
    run: (email) => inviteTo(desk, [email]),
    outcome: (email) => expectInvited(email, 'pending', 2),
  });
  expect(steps).toContain('SesSendRawEmail'); // the mail is crashed too, before and after SES took it
  expect(problems).toEqual([]);
});

it('inviting several addresses in one call: each invited once, each newest mail works', async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => [uniqueEmail('bulk-a'), uniqueEmail('bulk-b')],
    run: (emails) => inviteTo(desk, emails),
    outcome: async (emails) => {
      for (const email of emails) await expectInvited(email, 'pending', 2);
    },
  });
  expect(problems).toEqual([]);
});

it('signing up on an open desk: one account, one pending invitation, and its newest mail works', async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => uniqueEmail('signup'),
    run: (email) => signUp({ email, displayName: 'Signed Up', serviceDeskId: openDesk.id }),
    outcome: (email) => expectInvited(email, 'pending', 2, openDesk),
  });
  expect(problems).toEqual([]);
});

it('resending: still one pending invitation, the newest mail works', async () => {
  const { problems } = await crashEverywhere({
    setUp: () => invited(),
    run: (s) => resendInvitation(admin, s.invitationId),
    outcome: (s) => expectInvited(s.email, 'pending', 3),
  });
  expect(problems).toEqual([]);
});

it('accepting: the account is active under its new name, every invitation of it accepted, and the password works', async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => {
      const first = await invited();
      await inviteTo(otherDesk, [first.email]);
      return first;
    },
    run: (s) => acceptInvitation({ token: s.token, password: PASSWORD, displayName: 'Accepted Name' }),
    // The browser submits again; once the token is used, the portal sends the invitee to sign in.
    retry: (s) => acceptInvitation({ token: s.token, password: PASSWORD, displayName: 'Accepted Name' }).catch(() => signIn(s.email, PASSWORD)),
    outcome: async (s) => {
      await expectInvited(s.email, 'accepted', 2); // one invitation to each desk
      const account = await getAccount((await getEmailClaim(s.email))!.accountId);
      expect(account).toMatchObject({ status: 'active', displayName: 'Accepted Name' });
      expect((await invitationsOfAccount(account!.accountId)).map((i) => i.status)).toEqual(['accepted', 'accepted']);
      await signIn(s.email, PASSWORD);
    },
  });
  expect(problems).toEqual([]);
});

/** An active customer with a password. */
const activeCustomer = async () => {
  const s = await invited(uniqueEmail('reset'));
  await acceptInvitation({ token: s.token, password: PASSWORD });
  return s.email;
};

it('asking for a password reset: the newest mail carries a working reset link', async () => {
  const { problems } = await crashEverywhere({
    setUp: activeCustomer,
    run: (email) => forgotPassword(email),
    outcome: async (email) => {
      const reset = await getResetToken(hashSecret(await newestToken(email, 'password/reset')));
      expect(reset?.validUntil).toBeGreaterThan(Date.now());
    },
  });
  expect(problems).toEqual([]);
});

it('resetting the password: the new password works and the old one does not', async () => {
  const NEW_PASSWORD = 'another horse battery';
  const { problems } = await crashEverywhere({
    setUp: async () => {
      const email = await activeCustomer();
      await forgotPassword(email);
      return { email, token: await newestToken(email, 'password/reset') };
    },
    run: (s) => resetPassword(s.token, NEW_PASSWORD),
    retry: (s) => resetPassword(s.token, NEW_PASSWORD).catch(() => signIn(s.email, NEW_PASSWORD)),
    outcome: async (s) => {
      await signIn(s.email, NEW_PASSWORD);
      await expect(signIn(s.email, PASSWORD)).rejects.toThrow();
    },
  });
  expect(problems).toEqual([]);
});
