/**
 * The scheduled cleanup of unaccepted invitations (daily in AWS, `npm run cleanup` locally). As of a given time it:
 * 1. expires the pending invitations past their expiry (and voids their tokens);
 * 2. removes the placeholder accounts those invitations created, once the grace period has passed and nothing else
 *    is attached to them (shared/domain/placeholders.ts);
 * 3. optionally reminds, once, the invitees whose invitation expires within a few days, with a fresh link;
 * and records a report. It reads only what is due, from two partitions of the sparse selections index (pending invitations by expiry,
 * expired invitations by when their account is to be checked), so its cost follows the number of invitations due,
 * not the size of the table. Every write is conditional on the version read, so an invitation accepted while the
 * cleanup runs stays accepted, and a second run finds nothing to do. It stops when the time left gets short; what it
 * did not reach is still on the indexes, so the next run carries on.
 */
import { randomUUID } from 'node:crypto';
import { getAccount } from '#store/accounts';
import { getDesk } from '#store/desks';
import {
  STILL_PENDING,
  deleteInvitationTokenItem,
  deleteInvitationTokenItemIfPresent,
  getInvitation,
  putInvitationItem,
  putInvitationTokenItem,
  queryAccountChecksDue,
  queryPendingExpiringBefore,
  queryPendingExpiringBetween,
  setInvitationMessageId,
} from '#store/invitations';
import { putCleanupReport } from '#store/cleanup';
import { timeSortBound } from '#store/entities/item';
import type { InvitationRecord } from '#store/entities/invitation';
import { LostUpdate } from '#errors';
import { transactWrite } from '#store/transact';
import { sendMail } from '#mail/ses';
import { invitationMail } from '#mail/templates';
import { auditItems } from './audit';
import { CLEANUP_CALLER, addDays, settlePlaceholder, type KeepReason, type Verdict } from './placeholders';
import { invitationAcceptLink } from './portal-links';
import { hashSecret, newSecret } from './secrets';
import { invitationSubjects } from './invitation-policy';

export interface CleanupConfig {
  /** Days after the expiry before a placeholder account is removed (CLEANUP_GRACE_DAYS, default 0). */
  graceDays: number;
  /** Remind invitees this many days before the expiry (CLEANUP_REMINDER_DAYS); undefined: no reminders. */
  reminderDays: number | undefined;
  /** Stop when less than this is left of the run's time (CLEANUP_RESERVE_MS, default 10 s). */
  reserveMs: number;
  /** Invitations read per Query, and handled at the same time. */
  pageSize: number;
  concurrency: number;
}

const numberFromEnv = <T extends number | undefined>(name: string, fallback: T): number | T => {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0, got "${raw}"`);
  return value;
};

/** The cleanup's configuration, read from the environment here and nowhere else. */
export const cleanupConfig = (): CleanupConfig => ({
  graceDays: numberFromEnv('CLEANUP_GRACE_DAYS', 0),
  reminderDays: numberFromEnv('CLEANUP_REMINDER_DAYS', undefined),
  reserveMs: numberFromEnv('CLEANUP_RESERVE_MS', 10_000),
  pageSize: 50,
  concurrency: 8,
});

export interface CleanupReport {
  runId: string;
  /** When the run started (the clock). */
  ranAt: string;
  /** The time the run acted as of: the schedule's time, or `--now`. */
  asOf: string;
  dryRun: boolean;
  /** False when the run stopped for lack of time; the next run goes on. */
  complete: boolean;
  expired: number;
  /** Accepted between the read and the write: left alone. */
  skippedAccepted: number;
  /** Resent or revoked between the read and the write: left alone. */
  skippedChanged: number;
  accountsRemoved: number;
  accountsKept: { total: number; byReason: Partial<Record<KeepReason, number>> };
  remindersSent: number;
  errors: number;
  /** The first few failures (the rest are counted): an invitation that failed is tried again next run. */
  failures: Array<{ invitationId: string; error: string }>;
  durationMs: number;
}

export interface SweepOptions {
  /** The time to act as of. */
  now: Date;
  /** Read and judge, count what would be done, write nothing (no report item either). */
  dryRun?: boolean;
  /** Milliseconds left to the caller (Lambda: `context.getRemainingTimeInMillis`); unlimited when absent. */
  remainingMs?: () => number;
  config?: Partial<CleanupConfig>;
}

const MAX_FAILURES_LISTED = 20;

interface Run {
  asOf: string;
  dryRun: boolean;
  config: CleanupConfig;
  report: CleanupReport;
  /** Invitations whose account this run already looked at (the index may still list them: GSIs lag). */
  handled: Set<string>;
  stopped: boolean;
  hasTime(): boolean;
  deskNames: Map<string, Promise<string | undefined>>;
}

const clock = () => new Date().toISOString();

const countAccount = (run: Run, verdict: Verdict) => {
  if (verdict.remove) {
    run.report.accountsRemoved += 1;
    return;
  }
  const kept = run.report.accountsKept;
  kept.total += 1;
  kept.byReason[verdict.reason] = (kept.byReason[verdict.reason] ?? 0) + 1;
};

/** Runs `work` over every invitation a paged index read returns, a few at a time, until done or out of time. */
const forEachDue = async (
  run: Run,
  read: (startKey?: Record<string, unknown>) => Promise<{ invitations: InvitationRecord[]; lastKey?: Record<string, unknown> | undefined }>,
  work: (inv: InvitationRecord) => Promise<void>,
): Promise<void> => {
  let startKey: Record<string, unknown> | undefined;
  do {
    if (!run.hasTime()) return;
    const page = await read(startKey);
    let next = 0;
    const worker = async () => {
      while (next < page.invitations.length && run.hasTime()) {
        const inv = page.invitations[next++] as InvitationRecord;
        await work(inv).catch((error: unknown) => {
          run.report.errors += 1;
          if (run.report.failures.length < MAX_FAILURES_LISTED) run.report.failures.push({ invitationId: inv.id, error: String(error) });
        });
      }
    };
    await Promise.all(Array.from({ length: run.config.concurrency }, worker));
    // Items handled leave the index; a start key needs no item behind it, so paging stays exact.
    startKey = page.lastKey;
  } while (startKey && !run.stopped);
};

const settle = async (run: Run, inv: InvitationRecord) => {
  run.handled.add(inv.id);
  countAccount(run, await settlePlaceholder(inv, { graceDays: run.config.graceDays, dryRun: run.dryRun, at: clock() }));
};

/** Pending -> expired, token voided, audited: one transaction, only if still pending at the version read. */
const expire = async (run: Run, inv: InvitationRecord): Promise<void> => {
  const removeAfter = inv.createdAccount ? addDays(inv.expiresAt, run.config.graceDays) : undefined;
  const expired: InvitationRecord = {
    ...inv,
    status: 'expired',
    ...(removeAfter ? { removeAccountAfter: removeAfter } : {}),
    updatedAt: clock(),
    version: inv.version + 1,
  };
  if (!run.dryRun) {
    try {
      await transactWrite(
        [
          putInvitationItem(expired, inv.version, STILL_PENDING),
          deleteInvitationTokenItemIfPresent(inv.tokenHash, inv.id),
          ...auditItems(CLEANUP_CALLER, 'invitation.expired', invitationSubjects(inv), { before: { status: 'pending' }, after: { status: 'expired' } }),
        ],
        // Any refusal: accepted, revoked or resent since it was read.
      );
    } catch (error) {
      if (!(error instanceof LostUpdate)) throw error;
      const current = await getInvitation(inv.id);
      if (current?.status === 'accepted') run.report.skippedAccepted += 1;
      else run.report.skippedChanged += 1;
      return;
    }
  }
  run.report.expired += 1;
  if (!removeAfter) return;
  // Its account is due now (no grace): look at it right away rather than through the index, which may lag.
  if (Date.parse(removeAfter) <= Date.parse(run.asOf)) await settle(run, expired);
  else countAccount(run, { remove: false, reason: 'grace-period' });
};

const deskName = (run: Run, id: string): Promise<string | undefined> => {
  let name = run.deskNames.get(id);
  if (!name) {
    name = getDesk(id).then((d) => d?.projectName);
    run.deskNames.set(id, name);
  }
  return name;
};

/**
 * One reminder per invitation, with a new link: only the token's hash is stored, so the reminder issues a new token
 * as a resend would (the old link stops working) and keeps the expiry. The mail goes out before the write: if the
 * send fails nothing changed and the next run tries again; if the run dies between the two, the next run sends
 * another reminder whose link works (at least once, never a stored token the invitee was not sent).
 */
const remind = async (run: Run, inv: InvitationRecord): Promise<void> => {
  if (inv.reminderSentAt) return;
  // Never mail someone who could not accept (suspended, anonymized meanwhile); write to the account's current email.
  const account = await getAccount(inv.accountId);
  if (!account?.email || (account.status !== 'invited' && account.status !== 'active')) return;
  if (run.dryRun) {
    run.report.remindersSent += 1;
    return;
  }
  const token = newSecret();
  const at = clock();
  const reminded: InvitationRecord = { ...inv, tokenHash: hashSecret(token), reminderSentAt: at, updatedAt: at, version: inv.version + 1 };
  const name = inv.serviceDeskId ? await deskName(run, inv.serviceDeskId) : undefined;
  const mail = invitationMail({
    deskName: name,
    inviterName: 'The help desk team',
    expiresAt: inv.expiresAt,
    link: invitationAcceptLink(token),
    reminder: true,
  });
  const messageId = await sendMail({ to: account.email, ...mail });
  try {
    await transactWrite(
      [
        deleteInvitationTokenItem(inv.tokenHash, inv.id),
        putInvitationTokenItem(reminded.tokenHash, inv.id, inv.expiresAt),
        putInvitationItem(reminded, inv.version, STILL_PENDING),
        ...auditItems(CLEANUP_CALLER, 'invitation.reminded', invitationSubjects(inv), {}, at),
      ],
      // Any refusal: accepted, revoked or resent since it was read.
    );
  } catch (error) {
    if (!(error instanceof LostUpdate)) throw error;
    run.report.skippedChanged += 1;
    return;
  }
  await setInvitationMessageId(inv.id, reminded.tokenHash, messageId);
  run.report.remindersSent += 1;
};

export const sweepExpiredInvitations = async (options: SweepOptions): Promise<CleanupReport> => {
  const started = Date.now();
  const config = { ...cleanupConfig(), ...options.config };
  const asOf = options.now.toISOString();
  const remainingMs = options.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const run: Run = {
    asOf,
    dryRun: options.dryRun === true,
    config,
    report: {
      runId: randomUUID(),
      ranAt: new Date(started).toISOString(),
      asOf,
      dryRun: options.dryRun === true,
      complete: false,
      expired: 0,
      skippedAccepted: 0,
      skippedChanged: 0,
      accountsRemoved: 0,
      accountsKept: { total: 0, byReason: {} },
      remindersSent: 0,
      errors: 0,
      failures: [],
      durationMs: 0,
    },
    handled: new Set(),
    stopped: false,
    hasTime() {
      if (!this.stopped && remainingMs() < config.reserveMs) this.stopped = true;
      return !this.stopped;
    },
    deskNames: new Map(),
  };

  await forEachDue(run, (key) => queryPendingExpiringBefore(timeSortBound(asOf), config.pageSize, key), (inv) => expire(run, inv));
  await forEachDue(run, (key) => queryAccountChecksDue(asOf, config.pageSize, key), async (inv) => {
    if (!run.handled.has(inv.id)) await settle(run, inv);
  });
  if (config.reminderDays !== undefined && config.reminderDays > 0) {
    const until = timeSortBound(addDays(asOf, config.reminderDays));
    await forEachDue(run, (key) => queryPendingExpiringBetween(timeSortBound(asOf), until, config.pageSize, key), (inv) => remind(run, inv));
  }

  run.report.complete = !run.stopped;
  run.report.durationMs = Date.now() - started;
  if (!run.dryRun) await putCleanupReport({ ...run.report });
  return run.report;
};
