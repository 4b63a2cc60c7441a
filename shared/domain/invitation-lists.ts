/** Reading invitations: the list admins and agents page through, and the state a customer's profile shows. */
import { Forbidden } from '#errors';
import type { InvitationRecord } from '#store/entities/invitation';
import { invitationsOfAccount, queryInvitations } from '#store/invitations';
import { isAdmin, type Caller } from '#model/caller';
import { slicePage, type Page, type PageRequest } from '#model/page';
import type { InvitationStatus } from '#model/vocabulary';
import { requireDeskAgent } from './access';

export interface InvitationListQuery extends PageRequest {
  status?: InvitationStatus | undefined;
  serviceDeskId?: string | undefined;
  accountId?: string | undefined;
}

/**
 * Invitations by status (pending by default), newest first, one Query page; or every invitation of one account, newest
 * first (its few invitations are read whole: one Query on the relations index). Admins list anything; an agent lists
 * one of their desks' (with `serviceDeskId`, an account's invitations to that desk).
 */
export const listInvitations = async (caller: Caller, query: InvitationListQuery): Promise<Page<InvitationRecord>> => {
  if (query.serviceDeskId) await requireDeskAgent(caller, query.serviceDeskId);
  else if (!isAdmin(caller)) throw new Forbidden('Agents list the invitations of one of their service desks: give serviceDeskId');
  if (!query.accountId) return queryInvitations(query.status ?? 'pending', query, query.serviceDeskId);
  const mine = (await invitationsOfAccount(query.accountId))
    .filter((inv) => (!query.status || inv.status === query.status) && (!query.serviceDeskId || inv.serviceDeskId === query.serviceDeskId))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  return slicePage(mine, query);
};

/** The invitation state shown on a customer's profile: the latest of the account's invitations. */
export const invitationState = (invitations: InvitationRecord[]) => {
  const latest = invitations.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return latest ? { id: latest.id, status: latest.status, expiresAt: latest.expiresAt, serviceDeskId: latest.serviceDeskId ?? null } : null;
};
