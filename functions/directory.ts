/** Lambda "directory": the site-wide customer directory and its audit trail. */
import { BadRequest } from '#errors';
import {
  EmailInUse,
  anonymizeCustomer,
  createCustomer,
  restoreCustomer,
  searchDirectory,
  suspendCustomer,
  updateCustomer,
} from '#domain/directory';
import { listAuditEvents } from '#domain/audit';
import { customerProfile } from '#domain/profile';
import { Reply, httpFunction } from '#http/handler';
import { directoryRoutes } from '#routes/directory';
import { countEvent } from '#http/metrics';
import { BUSINESS_METRICS } from '#metrics/names';
import { pageOf } from '#http/page';
import { auditView, directoryEntryView, profileView, userView } from '#http/views';

const etag = (version: number) => ({ etag: `"${version}"` });

/** If-Match: "<version>" (quotes optional); anything else is a 400. */
const expectedVersion = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(header);
  if (!match?.[1]) throw new BadRequest('If-Match must be the version from GET, for example "3"');
  return Number(match[1]);
};

export const handler = httpFunction(directoryRoutes, {
  createCustomer: async ({ body, query, caller, baseUrl }) => {
    try {
      const account = await createCustomer(caller, { email: body.email, displayName: body.displayName ?? body.fullName ?? '' });
      countEvent(BUSINESS_METRICS.customersCreated);
      return userView(account, baseUrl);
    } catch (error) {
      // JSM answers 400 for an existing email unless the caller asks for the strict 409.
      if (error instanceof EmailInUse && !query.strictConflictStatusCode) throw new BadRequest(error.message, error.i18nKey);
      throw error;
    }
  },
  revokePortalAccess: async ({ params, caller }) => suspendCustomer(caller, params.accountId),
  restoreCustomer: async ({ params, caller }) => restoreCustomer(caller, params.accountId),
  anonymizeCustomer: async ({ params, caller }) => anonymizeCustomer(caller, params.accountId),
  getCustomer: async ({ params, baseUrl }) => {
    const { account, access, invitation } = await customerProfile(params.accountId);
    return new Reply(profileView(account, access, invitation, baseUrl), etag(account.version));
  },
  updateCustomer: async ({ params, body, caller, headers, baseUrl }) => {
    const account = await updateCustomer(caller, params.accountId, body, expectedVersion(headers['if-match']));
    return new Reply(directoryEntryView(account, baseUrl), etag(account.version));
  },
  listDirectory: async (input) => {
    const page = await searchDirectory(input.query);
    return pageOf(input, page, (a) => directoryEntryView(a, input.baseUrl));
  },
  listAudit: async (input) => {
    const page = await listAuditEvents(input.caller, input.query, input.query);
    return pageOf(input, page, auditView);
  },
});
