/**
 * Lambda "cleanup": the daily EventBridge schedule's target. Sweeps unaccepted invitations as of the event's time,
 * stops ~10 s before its own timeout (the next run goes on), and logs the run's report as one JSON line. A run in
 * which some invitation failed fails the invocation (after logging), so the function's Errors alarm tells someone.
 * A hand-made event with `detail: {"dryRun": true}` reports without changing anything (`npm run cleanup -- --dry-run`).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { sweepExpiredInvitations, type CleanupReport } from '#domain/cleanup';
import { logger } from '#logger';
import { countEvent } from '#http/metrics';
import { BUSINESS_METRICS } from '#metrics/names';

export type CleanupEvent = ScheduledEvent<{ dryRun?: boolean } | undefined>;

const asOf = (event: CleanupEvent): Date => {
  const time = new Date(event.time);
  if (Number.isNaN(time.getTime())) throw new Error(`The event's time is not a date: ${JSON.stringify(event.time)}`);
  return time;
};

const sweep = async (event: CleanupEvent, context: Context): Promise<CleanupReport> => {
  const report = await sweepExpiredInvitations({
    now: asOf(event),
    dryRun: event.detail?.dryRun === true,
    remainingMs: () => context.getRemainingTimeInMillis(),
  });
  if (event.detail?.dryRun !== true) countEvent(BUSINESS_METRICS.invitationsExpired, report.expired);
  if (report.errors === 0) {
    logger.info('invitation cleanup', { report });
    return report;
  }
  // Failing the invocation raises the function's Errors alarm; a retry is harmless (the sweep is idempotent).
  logger.error('invitation cleanup', { report });
  throw new Error(`invitation cleanup: ${report.errors} invitation(s) failed; see the report logged above`);
};

export const handler = middy<CleanupEvent, CleanupReport, Error, Context>(sweep).use(injectLambdaContext(logger));
