/** Cleanup report: one item per run of the invitation cleanup, newest first in one partition, kept half a year. */
import * as z from 'zod/mini';
import type { Keys } from './item';

/** The run's identity and its counts (one number per kind of thing it did or skipped). */
export const cleanupReportSchema = z.looseObject({ runId: z.string(), ranAt: z.string(), asOf: z.string(), dryRun: z.boolean(), complete: z.boolean() });
export type CleanupReportRecord = z.infer<typeof cleanupReportSchema>;

/** Reports are kept for half a year (TTL), then DynamoDB drops them. */
const REPORT_LIFETIME_SECONDS = 183 * 86_400;

export const CLEANUP_REPORTS_PARTITION = 'CLEANUPREPORTS';
export const cleanupReportKeys = (ranAt: string, runId: string): Keys => ({ pk: CLEANUP_REPORTS_PARTITION, sk: `REPORT#${ranAt}#${runId}` });
export const cleanupReportItem = (report: CleanupReportRecord) => ({
  ...cleanupReportKeys(report.ranAt, report.runId),
  entity: 'cleanupReport',
  ...report,
  expiresAt: Math.floor(Date.parse(report.ranAt) / 1000) + REPORT_LIFETIME_SECONDS,
});
/** The report as stored, without its keys and expiry. */
export const toCleanupReport = (item: Record<string, unknown>): CleanupReportRecord => {
  const { pk: _pk, sk: _sk, entity: _entity, expiresAt: _ttl, ...report } = item;
  return cleanupReportSchema.parse(report);
};
