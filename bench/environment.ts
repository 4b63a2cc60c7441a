/**
 * The bench's environment, set before any module of the code is evaluated: run.ts imports this module first (ES
 * modules run in import order), so the logger, created when shared/logger.ts is first imported, reads it.
 */
import { randomBytes } from 'node:crypto';

// The handlers log every request; the bench prints its own summary.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// Customers' portal sessions are signed with this; links in the mail the run sends point here.
process.env.SESSION_SECRET ??= randomBytes(32).toString('base64url');
// Each measured call pays its authentication, as in a cold function (the load run's gateway keeps the default).
process.env.WARM_MEMORY_SECONDS ??= '0';
process.env.PORTAL_URL ??= 'http://localhost:3000/portal';
