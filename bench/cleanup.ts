/**
 * The invitation cleanup's cost: 1,000 pending invitations (each with its placeholder account and desk link) among
 * 10,000 other items, swept as of times at which 0, 100 and the other 900 have expired; then the table is doubled and
 * 100 more are swept. Each run calls sweepExpiredInvitations directly (no HTTP) with the store's meter reset before
 * it. The data set is written straight into a table of its own with the store's own item builders (unmetered).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { sweepExpiredInvitations } from '#domain/cleanup';
import { newAccount } from '#domain/directory';
import { hashSecret, newEventId, newSecret } from '#domain/secrets';
import { localDynamoClient } from '#local/dynamodb';
import { ensureTable } from '#local/table';
import { claimEmailItem, putAccountItems } from '#store/accounts';
import { dynamo, storeMeter, tableName } from '#store/client';
import { putInvitationItem, putInvitationTokenItem } from '#store/invitations';
import type { InvitationRecord } from '#store/entities/invitation';
import { putMembershipItem } from '#store/memberships';
import type { TransactItem } from '#store/transact';
import { inBatches } from './access-setup';
import { describe, table } from './format';
import { round } from './harness';
import { ms } from './stats';

const TABLE = 'bench-cleanup';
export const CLEANUP_SIZES = { otherAccounts: 3_334, pending: 1_000, firstDue: 100, keptEvery: 10, morePending: 100 } as const;
const MINUTE = 60_000;
/**
 * Per invitation due: its expiry transaction, the account, its relationships, whether it reported or participates in
 * a request (two one-key Queries), and the removal (or settling) transaction.
 */
export const ROUND_TRIPS_PER_DUE = 6;

export interface CleanupRun {
  scenario: string;
  tableItems: number;
  pendingBefore: number;
  expired: number;
  accountsRemoved: number;
  accountsKept: number;
  roundTrips: number;
  commands: Record<string, number>;
  capacityUnits: number;
  ms: number;
}

export interface CleanupResults {
  runs: CleanupRun[];
}

interface Budget {
  budget: string;
  limit: string;
  measured: string;
  pass: boolean;
}

const itemsOf = (transactItems: TransactItem[]) => transactItems.map((t) => t.write.Put?.Item).filter((i): i is Record<string, unknown> => i !== undefined);

const writeAll = async (items: Record<string, unknown>[]) => {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await inBatches(chunks, 16, async (chunk) => {
    let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = (out.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
    }
  });
  return items.length;
};

/** Active customers: account item, name entry, email claim (3 items each). */
const otherItems = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const account = newAccount({ email: `${prefix}.${i}@other.example`, displayName: `Other ${i}`, accountType: 'portal', status: 'active' });
    return [...itemsOf(putAccountItems(account, undefined)), ...itemsOf([claimEmailItem(account.email ?? '', { accountId: account.accountId })])];
  }).flat();

/** Pending invitations expiring one a minute from `firstExpiry`, each with what inviting a new email writes. */
const pendingInvitations = (prefix: string, count: number, firstExpiry: number) =>
  Array.from({ length: count }, (_, i) => {
    const account = newAccount({ email: `${prefix}.${i}@invited.example`, displayName: `Invited ${i}`, accountType: 'portal', status: 'invited' });
    const expiresAt = new Date(firstExpiry + i * MINUTE).toISOString();
    const inv: InvitationRecord = {
      id: newEventId(), email: account.email ?? '', accountId: account.accountId, serviceDeskId: '1', status: 'pending',
      tokenHash: hashSecret(newSecret()), expiresAt, invitedBy: 'bench', createdAccount: true, createdDeskLink: true, resends: [],
      lifetimeDays: 7, createdAt: account.createdAt, updatedAt: account.createdAt, version: 1,
    };
    // Every 10th also joined an organization: its account is kept.
    const kept = i % CLEANUP_SIZES.keptEvery === 0 ? [putMembershipItem({ kind: 'organizationMembers', organizationId: '1' }, account)] : [];
    return itemsOf([
      ...putAccountItems(account, undefined),
      claimEmailItem(inv.email, { accountId: account.accountId }),
      putInvitationItem(inv, undefined),
      putInvitationTokenItem(inv.tokenHash, inv.id, inv.expiresAt),
      putMembershipItem({ kind: 'deskCustomers', deskId: '1' }, account, { projectKey: 'BENCH' }),
      ...kept,
    ]);
  }).flat();

export const measureCleanup = async (dynamoEndpoint: string): Promise<CleanupResults> => {
  const previousTable = process.env.TABLE_NAME;
  process.env.TABLE_NAME = TABLE;
  process.env.DYNAMODB_ENDPOINT ??= dynamoEndpoint;
  const client = localDynamoClient(dynamoEndpoint);
  try {
    await ensureTable(client, TABLE);
    const firstExpiry = Math.ceil(Date.now() / MINUTE) * MINUTE + 86_400_000;
    let tableItems = await writeAll(otherItems('a', CLEANUP_SIZES.otherAccounts));
    tableItems += await writeAll(pendingInvitations('p', CLEANUP_SIZES.pending, firstExpiry));
    let pending = CLEANUP_SIZES.pending;

    const runs: CleanupRun[] = [];
    const sweep = async (scenario: string, asOf: number) => {
      storeMeter.reset();
      const started = performance.now();
      const report = await sweepExpiredInvitations({ now: new Date(asOf), config: { reminderDays: undefined, graceDays: 0 } });
      const elapsed = performance.now() - started;
      const reading = storeMeter.read();
      if (report.errors > 0 || !report.complete) throw new Error(`cleanup bench: ${scenario}: ${JSON.stringify(report)}`);
      runs.push({
        scenario, tableItems, pendingBefore: pending, expired: report.expired, accountsRemoved: report.accountsRemoved,
        accountsKept: report.accountsKept.total, roundTrips: reading.roundTrips, commands: reading.commands,
        capacityUnits: round(reading.capacityUnits), ms: ms(elapsed),
      });
      pending -= report.expired;
    };

    await sweep('nothing due yet', firstExpiry - MINUTE);
    await sweep(`${CLEANUP_SIZES.firstDue} due`, firstExpiry + (CLEANUP_SIZES.firstDue - 0.5) * MINUTE);
    await sweep('again, nothing left due', firstExpiry + (CLEANUP_SIZES.firstDue - 0.5) * MINUTE);
    await sweep(`the other ${CLEANUP_SIZES.pending - CLEANUP_SIZES.firstDue} due`, firstExpiry + CLEANUP_SIZES.pending * MINUTE);

    // Twice the table: as many other items again, and 100 more pending invitations.
    const secondExpiry = firstExpiry + 2 * CLEANUP_SIZES.pending * MINUTE;
    tableItems += await writeAll(otherItems('b', CLEANUP_SIZES.otherAccounts));
    tableItems += await writeAll(pendingInvitations('q', CLEANUP_SIZES.morePending, secondExpiry));
    pending += CLEANUP_SIZES.morePending;
    await sweep(`${CLEANUP_SIZES.morePending} due, table twice as big`, secondExpiry + CLEANUP_SIZES.morePending * MINUTE);
    await sweep('again, nothing left due, table twice as big', secondExpiry + CLEANUP_SIZES.morePending * MINUTE);
    return { runs };
  } finally {
    client.destroy();
    if (previousTable === undefined) delete process.env.TABLE_NAME;
    else process.env.TABLE_NAME = previousTable;
  }
};

/** At most this many round trips for a run that finds `due` invitations, 50 read per Query: phase Queries and the report. */
const roundTripLimit = (due: number) => ROUND_TRIPS_PER_DUE * due + Math.ceil(due / 50) + 3;

export const cleanupBudgets = (results: CleanupResults): Budget[] => {
  const budgets = results.runs.map((run) => ({
    budget: `invitation cleanup, ${run.scenario} (${run.pendingBefore} pending among ${run.tableItems} items)`,
    limit: `<= ${roundTripLimit(run.expired)} round trips (${ROUND_TRIPS_PER_DUE} per invitation due + Queries + report)`,
    measured: `${run.roundTrips} (${describe(run.commands)})`,
    pass: run.roundTrips <= roundTripLimit(run.expired),
  }));
  const sameDue = results.runs.filter((r) => r.expired === CLEANUP_SIZES.firstDue);
  const idle = results.runs.filter((r) => r.expired === 0);
  const flat = (runs: CleanupRun[]) => new Set(runs.map((r) => `${r.roundTrips}/${r.capacityUnits}`)).size === 1;
  budgets.push({
    budget: 'invitation cleanup: cost follows the invitations due, not the table (same due count, table doubled)',
    limit: 'equal round trips and capacity',
    measured: [...sameDue, ...idle].map((r) => `${r.scenario}: ${r.roundTrips} round trips, ${r.capacityUnits} CU`).join('; '),
    pass: sameDue.length === 2 && idle.length >= 2 && flat(sameDue) && flat(idle),
  });
  return budgets;
};

export const cleanupMarkdown = (results: CleanupResults): string => `
## Invitation cleanup

\`sweepExpiredInvitations\` (shared/domain/cleanup.ts) called directly, as of chosen times, on a table of its own:
${CLEANUP_SIZES.pending} pending invitations (each with its placeholder account, name entry, email claim, token and desk link;
every ${CLEANUP_SIZES.keptEvery}th account also in an organization, so it is kept) among ${CLEANUP_SIZES.otherAccounts} other accounts (3 items each). Expiries
are one minute apart; no grace period, no reminders. Round trips and capacity are the store meter's over the whole run
(capacity as DynamoDB Local reports it: transactions at half the real rate, see above).

${table(
  ['Run', 'Items in table', 'Pending before', 'Expired', 'Accounts removed', 'Kept', 'Round trips', 'Commands', 'Capacity', 'per expired: round trips', 'capacity', 'ms'],
  results.runs.map((r) => [
    r.scenario, r.tableItems, r.pendingBefore, r.expired, r.accountsRemoved, r.accountsKept, r.roundTrips, describe(r.commands),
    r.capacityUnits, r.expired === 0 ? '-' : round(r.roundTrips / r.expired), r.expired === 0 ? '-' : round(r.capacityUnits / r.expired), r.ms,
  ]),
)}

A run reads only two partitions of the sparse selections index (pending invitations by expiry, expired invitations whose account is
due for a check) up to its time, so a run with nothing due costs two Queries and the report's PutItem whatever the
table holds; each invitation due adds its expiry transaction, a GetItem of the account, one Query of the account's
relationships and invitations, and one transaction removing the account (or settling the check). Most of the
capacity is index maintenance: every index projects all attributes, so expiring rewrites the invitation's three index
entries (two of them move partition), and removing an account deletes its directory, search and name entries, its
email claim, desk link and token, and writes audit events to the account and the desk; all inside transactions,
which real DynamoDB charges at twice the rate of plain writes (and DynamoDB Local reports at half of that).
`;
