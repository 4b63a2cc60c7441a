/** Audit events: who changed what, when, before and after. Written in the same transaction as the change. */
import { putAuditItems, queryAudit, replaceAuditValues } from '#store/audit';
import type { AuditSubject } from '#store/entities/audit-event';
import type { TransactItem } from '#store/transact';
import { newEventId } from './secrets';
import { Forbidden, NotFound } from '#errors';
import { getOrganization } from '#store/organizations';
import { requireDeskAgent, requireOrganizationAccess } from './access';
import { actorId, isAdmin, type Caller } from '#model/caller';
import { mapPage } from '#model/page';

/** Fields of an account that are personal data: erased from past events when the account is anonymized. */
const PERSONAL_FIELDS = ['email', 'displayName'];

export const auditItems = (
  caller: Caller,
  action: string,
  subjects: AuditSubject[],
  change: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
  at = new Date().toISOString(),
): TransactItem[] =>
  putAuditItems({ eventId: newEventId(), at, action, actorId: actorId(caller), subjects, ...change });

/**
 * Audit events of one subject, newest first. An account's trail is for admins; a desk's for its agents too; an
 * organization's for the agents who may work with it.
 */
export const listAuditEvents = async (
  caller: Caller,
  filter: { accountId?: string | undefined; organizationId?: string | undefined; serviceDeskId?: string | undefined; identityProviderId?: string | undefined },
  page: { start: number; limit: number; cursor?: string | undefined },
) => {
  let subject: AuditSubject;
  if (filter.serviceDeskId) {
    await requireDeskAgent(caller, filter.serviceDeskId);
    subject = { type: 'servicedesk', id: filter.serviceDeskId };
  } else if (filter.organizationId) {
    if (!isAdmin(caller)) {
      const org = await getOrganization(filter.organizationId);
      if (!org || org.state !== 'active') throw new NotFound('No organization with this id', 'sd.organization.error.not.found');
      await requireOrganizationAccess(caller, org);
    }
    subject = { type: 'organization', id: filter.organizationId };
  } else if (filter.identityProviderId) {
    if (!isAdmin(caller)) throw new Forbidden('Only admins may read the audit trail of an identity provider');
    subject = { type: 'identityprovider', id: filter.identityProviderId };
  } else {
    if (!isAdmin(caller)) throw new Forbidden('Only admins may read the audit trail of an account');
    subject = { type: 'account', id: filter.accountId ?? '' };
  }
  const result = await queryAudit(subject, page);
  return mapPage(result, ({ event }) => event);
};

const withoutPersonal = (values: Record<string, unknown> | null | undefined) =>
  values && Object.fromEntries(Object.entries(values).filter(([k]) => !PERSONAL_FIELDS.includes(k)));

/** After anonymization no audit event of the account may still hold its old name or email. */
export const eraseAccountFromAudit = async (accountId: string): Promise<number> => {
  let cursor: string | undefined;
  let erased = 0;
  do {
    const page = await queryAudit({ type: 'account', id: accountId }, { start: 0, limit: 100, cursor });
    for (const { event, keys } of page.values) {
      const personal = [event.before, event.after].some((v) => v && PERSONAL_FIELDS.some((f) => f in v));
      if (!personal) continue;
      await replaceAuditValues(keys, { before: withoutPersonal(event.before), after: withoutPersonal(event.after) });
      erased += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return erased;
};
