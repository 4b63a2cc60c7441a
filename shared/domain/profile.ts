/**
 * A customer's profile as the directory shows it: the account, its effective access (with the organizations that
 * give it) and its latest invitation. The account, everything filed under it (groups and invitations: one Query)
 * and the open desks (remembered by a warm function: warm-memory.ts) are read at once; then its organizations (one
 * BatchGetItem).
 */
import { openDesks } from './open-desks';
import { accountRelations } from '#store/memberships';
import { accessFrom } from './access';
import { requireAccount } from './directory';
import { invitationState } from './invitation-lists';

export const customerProfile = async (accountId: string) => {
  const [account, relations, open] = await Promise.all([requireAccount(accountId), accountRelations(accountId), openDesks()]);
  return { account, access: await accessFrom(account, relations.groups, open), invitation: invitationState(relations.invitations) };
};
