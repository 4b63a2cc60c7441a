/** Names the lists show: the customer's desks, and each desk's request types, read once per page load. */
import * as api from '../api';

let desks: Promise<Map<string, string>> | undefined;
const types = new Map<string, Promise<Map<string, string>>>();

/** A failed read (a session that ended, say) is not kept: the next page reads again. */
export const deskNames = (): Promise<Map<string, string>> => {
  desks ??= api.myDesks().then(
    (page) => new Map(page.values.map((d) => [d.id, d.projectName])),
    (error: unknown) => {
      desks = undefined;
      throw error;
    },
  );
  return desks;
};

/** Each desk's request types by id (a desk the customer may no longer use has none). */
export const typeNames = async (deskIds: string[]): Promise<Map<string, Map<string, string>>> => {
  for (const id of deskIds) {
    if (types.has(id)) continue;
    const read = api.requestTypes(id).then((page) => new Map(page.values.map((t) => [t.id, t.name])));
    types.set(id, read.catch(() => (types.delete(id), new Map<string, string>())));
  }
  return new Map(await Promise.all(deskIds.map(async (id) => [id, await types.get(id)!] as const)));
};
