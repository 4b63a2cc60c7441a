/** Reading invitations: the list admins and agents page through, and the state a customer's profile shows. */
import { Forbidden } from '#errors';
import type { InvitationRecord } from '#store/entities/invitation';
import { queryInvitations } from '#store/invitations';
import { isAdmin, type Caller } from '#model/caller';
import type { InvitationStatus } from '#model/vocabulary';
import { requireDeskAgent } from './access';

export const listInvitations = async (
  caller: Caller,
  query: { status: InvitationStatus; serviceDeskId?: string | undefined; start: number; limit: number; cursor?: string | undefined },
) => {
  if (query.serviceDeskId) await requireDeskAgent(caller, query.serviceDeskId);
  else if (!isAdmin(caller)) throw new Forbidden('Agents list the invitations of one of their service desks: give serviceDeskId');
  return queryInvitations(query.status, query, query.serviceDeskId);
};

/** The invitation state shown on a customer's profile: the latest of the account's invitations. */
export const invitationState = (invitations: InvitationRecord[]) => {
  const latest = invitations.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return latest ? { id: latest.id, status: latest.status, expiresAt: latest.expiresAt, serviceDeskId: latest.serviceDeskId ?? null } : null;
};
