/** The people shown beside what they did (a request's reporter, a comment's author, a message's sender). */
import { BadRequest } from '#errors';
import { getAccounts } from '#store/accounts';
import type { AccountRecord } from '#store/entities/account';
import type { Caller } from '#model/caller';

/**
 * The accounts named by these ids, in one BatchGetItem (none when the only one is the signed-in customer's own,
 * which the edge read already). Unknown ids are absent from the map.
 */
export const accountsById = async (ids: string[], caller?: Caller): Promise<Map<string, AccountRecord>> => {
  const own = caller?.kind === 'customer' ? caller.account : undefined;
  const others = [...new Set(ids)].filter((id) => id !== own?.accountId);
  const found = others.length > 0 ? await getAccounts(others) : [];
  return new Map([...found, ...(own ? [own] : [])].map((a) => [a.accountId, a]));
};

/** One account by id, as `accountsById` reads it. */
export const accountById = async (id: string, caller?: Caller): Promise<AccountRecord | undefined> => (await accountsById([id], caller)).get(id);

/** The one answer for account ids that name no account (or an anonymized one): the whole call is refused, naming them. */
export const unknownAccounts = (ids: string[]) => new BadRequest(`These account ids do not exist: ${ids.join(', ')}`, 'sd.error.account.ids.unknown', ids);

/** The accounts named by these ids, in their order; any unknown (or, unless allowed, anonymized) refuses the call. */
export const requireAccounts = async (ids: string[], options: { allowAnonymized: boolean }): Promise<AccountRecord[]> => {
  const found = new Map((await getAccounts(ids)).map((a) => [a.accountId, a]));
  const unknown = ids.filter((id) => {
    const account = found.get(id);
    return !account || (!options.allowAnonymized && account.status === 'anonymized');
  });
  if (unknown.length > 0) throw unknownAccounts(unknown);
  return ids.map((id) => found.get(id)!);
};
