/**
 * The table checker (`npm run verify-table`): a table built through the API is clean, and an inconsistency of each
 * kind planted in it is found, naming the items involved. One test per invariant the store modules describe.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { processInboundMail } from '#domain/inbound-mail';
import { mailDomain } from '#mail/ses';
import { accountKeys, accountNameEntryKeys } from '#store/entities/account';
import { commentKeys } from '#store/entities/comment';
import { requestKeys } from '#store/entities/request';
import { counterKeys, deskRequestCounter } from '#store/entities/counter';
import { deskOrganizationLinkKeys } from '#store/entities/desk-organization-link';
import { emailClaimKeys } from '#store/entities/email-claim';
import { invitationKeys, invitationTokenKeys } from '#store/entities/invitation';
import { mailLogKeys } from '#store/entities/mail-log';
import { membershipKeys } from '#store/entities/membership';
import { organizationKeys, organizationNameClaimKeys } from '#store/entities/organization';
import type { Keys } from '#store/entities/item';
import type { Item } from '#store/entities/item';
import { attachmentKeys, attachmentTallyKeys, temporaryUploadKeys } from '#store/entities/attachment';
import { providerDomainClaimItem, providerDomainKeys } from '#store/entities/identity-provider';
import { sessionKeys } from '#store/entities/session';
import { ALL_INVARIANTS } from '#store/table-check';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { addMembers, createDesk, createOrganization, linkOrganization, type Desk, type Organization } from '#harness/desks';
import { deleteItem, describeFindings, getItem, putItem, tableFindings } from '#harness/table';

let app: TestApp;
let world: { desk: Desk; org: Organization; customer: { accountId: string; emailAddress: string }; invitationId: string; issueId: string; issueKey: string };

beforeAll(async () => {
  app = await startTestApp();
  const desk = await createDesk(app, 'open');
  const org = await createOrganization(app);
  await linkOrganization(app, desk, org);
  const customer = await app.createCustomer(uniqueEmail('member'), 'Member One');
  await addMembers(app, org, [customer.accountId]);
  const invitation = await app.call('POST', '/rest/admin/1/invitation', { body: { emails: [uniqueEmail('invitee')], serviceDeskId: desk.id } });
  const [invited] = invitation.body.results;
  expect(invited).toMatchObject({ outcome: 'invited', mailed: true });
  const raw = Buffer.from(`From: ${customer.emailAddress}\r\nTo: ${desk.projectKey.toLowerCase()}@${mailDomain()}\r\nSubject: Printer\r\nMessage-ID: <m1@example.test>\r\n\r\nIt is on fire.\r\n`);
  const mail = await processInboundMail({
    sesMessageId: randomBytes(20).toString('hex'), raw, recipients: [`${desk.projectKey.toLowerCase()}@${mailDomain()}`],
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  });
  expect(mail.entry.outcome).toBe('accepted');
  const comment = await app.call('POST', `/rest/servicedeskapi/request/${mail.entry.issueKey}/comment`, { body: { body: 'On it', public: true } });
  expect(comment.status).toBe(201);
  world = { desk, org, customer, invitationId: invited.invitationId, issueId: mail.entry.issueId!, issueKey: mail.entry.issueKey! };
});
afterAll(() => app.close());

/** Changes one stored item (or removes it), and answers how to put it back. */
const plant = async (keys: Keys, change: ((item: Item) => Item) | 'delete'): Promise<() => Promise<void>> => {
  const original = await getItem(keys);
  if (!original) throw new Error(`nothing stored at ${keys.pk} ${keys.sk}`);
  if (change === 'delete') await deleteItem(keys);
  else await putItem(change({ ...original }));
  return () => putItem(original);
};
/** Adds an item that should not be there, and answers how to remove it. */
const add = async (item: Item): Promise<() => Promise<void>> => {
  await putItem(item);
  return () => deleteItem({ pk: String(item.pk), sk: String(item.sk) });
};

const membership = () => membershipKeys({ kind: 'organizationMembers', organizationId: world.org.id }, world.customer.accountId);
const HOUR = 3_600_000;

/** For each invariant, an inconsistency of its kind and the items a finding must name. */
const planted: Record<string, () => Promise<{ undo: () => Promise<void>; names: Keys }>> = {
  'email-claim': async () => {
    const claim = emailClaimKeys(world.customer.emailAddress);
    return { undo: await plant(claim, 'delete'), names: accountKeys(world.customer.accountId) };
  },
  'search-entries': async () => ({
    undo: await plant(accountNameEntryKeys(world.customer.accountId), (i) => ({ ...i, displayName: 'Old Name', selectionSk: `old name#${world.customer.accountId}` })),
    names: accountNameEntryKeys(world.customer.accountId),
  }),
  'membership-ends': async () => ({ undo: await plant(membership(), (i) => ({ ...i, relationPk: 'ACCOUNT#someone-else' })), names: membership() }),
  'membership-copies': async () => ({ undo: await plant(membership(), (i) => ({ ...i, displayName: 'Old Name', nameTerm: 'old name' })), names: membership() }),
  'organization-desk-link': async () => {
    const link = deskOrganizationLinkKeys(world.desk.id, world.org.id);
    return { undo: await plant(link, 'delete'), names: organizationKeys(world.org.id) };
  },
  'identity-provider-domain': async () => {
    // A domain claim left behind by a provider that no longer has the domain.
    const stray = providerDomainClaimItem('stray.example.test', 'gone');
    return { undo: await add(stray), names: providerDomainKeys('stray.example.test') };
  },
  'organization-claims': async () => {
    const claim = organizationNameClaimKeys(world.org.name);
    return { undo: await plant(claim, 'delete'), names: organizationKeys(world.org.id) };
  },
  'organization-deletion': async () => ({ undo: await plant(organizationKeys(world.org.id), (i) => ({ ...i, state: 'deleting' })), names: organizationKeys(world.org.id) }),
  'pending-invitation-token': async () => {
    const inv = (await getItem(invitationKeys(world.invitationId)))!;
    return { undo: await plant(invitationTokenKeys(String(inv.tokenHash)), 'delete'), names: invitationKeys(world.invitationId) };
  },
  'used-invitation-token': async () => {
    const stale = { ...invitationTokenKeys('0'.repeat(64)), entity: 'invitationToken', invitationId: world.invitationId };
    return { undo: await add(stale), names: invitationTokenKeys('0'.repeat(64)) };
  },
  'issue-key': async () => {
    // A key that is not its desk's project key and number (a request of desk A named after desk B).
    const request = requestKeys(world.issueId);
    return { undo: await plant(request, (i) => ({ ...i, issueKey: `ZZ${String(i.issueKey)}` })), names: request };
  },
  'issue-key (counter)': async () => {
    const counter = counterKeys(deskRequestCounter(world.desk.id));
    return { undo: await plant(counter, (i) => ({ ...i, value: 0 })), names: counter };
  },
  'request-children': async () => {
    const orphan = { ...commentKeys('99999999', '1'), entity: 'comment', id: '1', issueId: '99999999', body: 'lost', public: true, authorId: 'x', createdAt: new Date().toISOString() };
    return { undo: await add(orphan), names: commentKeys('99999999', '1') };
  },
  'attachment-comment': async () => {
    const keys = attachmentKeys(world.issueId, '1');
    const stray = { ...keys, entity: 'attachment', id: '1', issueId: world.issueId, commentId: '999', fileName: 'a.txt', mimeType: 'text/plain', size: 1, public: true, authorId: 'x', createdAt: new Date().toISOString(), objectKey: 'requests/x' };
    return { undo: await add(stray), names: keys };
  },
  'attachment-tally': async () => {
    const keys = attachmentTallyKeys(world.issueId);
    return { undo: await add({ ...keys, entity: 'attachmentTally', issueId: world.issueId, count: 1, bytes: 5 }), names: keys };
  },
  'attached-upload': async () => {
    const keys = temporaryUploadKeys('lost-upload');
    const upload = { ...keys, entity: 'temporaryUpload', id: 'lost-upload', state: 'attached', attachedTo: { issueId: world.issueId, commentId: '1', attachmentId: '7' } };
    return { undo: await add(upload), names: keys };
  },
  'session-account': async () => {
    const orphan = { ...sessionKeys('orphan'), entity: 'session', sessionId: 'orphan', accountId: 'nobody', persistent: false, validUntil: Date.now() + HOUR, createdAt: new Date().toISOString() };
    return { undo: await add(orphan), names: sessionKeys('orphan') };
  },
  'mail-log-finished': async () => {
    const stuck = { ...mailLogKeys('stuck-message'), entity: 'mail', id: 'stuck-message', status: 'processing', receivedAt: new Date(Date.now() - 3 * HOUR).toISOString() };
    return { undo: await add(stuck), names: mailLogKeys('stuck-message') };
  },
};

/** A planting named "invariant (which part)" breaks that part of the invariant. */
const invariantOf = (planting: string): string => planting.replace(/ \(.*\)$/, '');

it('finds nothing in a table built through the API', async () => {
  expect(describeFindings(await tableFindings())).toEqual([]);
});

it('has a planted inconsistency for every invariant the store modules describe', () => {
  expect([...new Set(Object.keys(planted).map(invariantOf))].sort()).toEqual(ALL_INVARIANTS.map((i) => i.name).sort());
});

describe('finds a planted inconsistency of each kind', () => {
  it.each(Object.keys(planted))('%s', async (name) => {
    const { undo, names } = await planted[name]!();
    try {
      const found = (await tableFindings()).filter((f) => f.invariant === invariantOf(name));
      expect(found.length).toBeGreaterThan(0);
      expect(found.flatMap((f) => f.items)).toContainEqual(names);
    } finally {
      await undo();
    }
    expect(describeFindings(await tableFindings())).toEqual([]);
  });
});

describe('npm run verify-table', () => {
  const run = () =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-table.ts', '--endpoint', process.env.TEST_DYNAMODB_ENDPOINT!, '--table', process.env.TABLE_NAME!], {
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'local' },
    });

  it('exits 0 on a clean table and 1, naming the invariant and the items, on a broken one', async () => {
    const clean = run();
    expect(clean.stdout).toContain('clean');
    expect(clean.status).toBe(0);
    const undo = await add({ ...mailLogKeys('stuck-cli'), entity: 'mail', id: 'stuck-cli', status: 'processing', receivedAt: new Date(Date.now() - 3 * HOUR).toISOString() });
    try {
      const broken = run();
      expect(broken.status).toBe(1);
      expect(broken.stdout).toContain('[mail-log-finished] message stuck-cli');
      expect(broken.stdout).toContain('pk=MAIL#stuck-cli sk=MAIL');
    } finally {
      await undo();
    }
  });
});
