/**
 * Request types as JSM clients see them: one by id, the fields a request of the type takes, every type across the
 * desks the caller may read, JSM's create and delete, and request type groups. Every desk has one group, "General"
 * (its id is the desk's id), that all its request types belong to.
 */
import { NotFound } from '#errors';
import { deleteRequestTypeItem, getDesks, getRequestType, queryAllRequestTypes, queryDesks } from '#store/desks';
import type { DeskRecord } from '#store/entities/desk';
import type { RequestTypeRecord } from '#store/entities/request-type';
import { transactWrite } from '#store/transact';
import { forgetDeskConfig } from './desk-config';
import { getAccount } from '#store/accounts';
import { agentDeskIds, requireDeskAgent } from './access';
import { auditItems } from './audit';
import { deskForReader, resolveDesk, usableDesks } from './desks';
import { slicePage, type PageRequest } from '#model/page';
import { isAdmin, type Caller } from '#model/caller';


const notFound = () => new NotFound('No request type with this id on this service desk', 'sd.requesttype.error.not.found');

/** The one group of a desk's request types. */
export const requestTypeGroupOf = (desk: Pick<DeskRecord, 'id'>) => ({ id: desk.id, name: 'General' });

/** A request type of a desk the caller may read (its agents, customers who may use it); 404 otherwise. */
export const requestTypeFor = async (caller: Caller, deskRef: string, id: string): Promise<{ desk: DeskRecord; requestType: RequestTypeRecord }> => {
  const desk = await deskForReader(caller, deskRef);
  const requestType = await getRequestType(desk.id, id);
  if (!requestType) throw notFound();
  return { desk, requestType };
};

export interface RequestTypeFilter {
  searchQuery?: string | undefined;
  groupId?: string | undefined;
  restrictionStatus?: 'open' | 'restricted' | undefined;
}

/** JSM matches `searchQuery` against the name and the description. */
const matches = (f: RequestTypeFilter) => (rt: RequestTypeRecord) =>
  f.restrictionStatus !== 'restricted' &&
  (!f.groupId || f.groupId === rt.serviceDeskId) &&
  (!f.searchQuery || `${rt.name}\n${rt.description}`.toLowerCase().includes(f.searchQuery.toLowerCase()));

/** A desk's request types (one Query: a desk has a handful), filtered, one page. */
export const listRequestTypes = async (desk: DeskRecord, query: PageRequest & RequestTypeFilter) =>
  slicePage((await queryAllRequestTypes(desk.id)).filter(matches(query)), query);

/** The desks whose request types the caller may read: admins all, agents theirs, customers those they may use. */
const readableDesks = async (caller: Caller): Promise<DeskRecord[]> => {
  if (isAdmin(caller)) return (await queryDesks({ start: 0, limit: 10_000 })).values;
  if (caller.kind === 'staff') {
    const mine = [...(await agentDeskIds(caller.accountId))];
    return mine.length === 0 ? [] : getDesks(mine);
  }
  if (caller.kind !== 'customer') return [];
  const account = await getAccount(caller.accountId);
  return account ? usableDesks(account) : [];
};

/**
 * `GET /requesttype`: request types of every desk the caller may read (one Query per desk, in parallel), optionally
 * of the given desks only, in desk then type order.
 */
export const listAllRequestTypes = async (caller: Caller, query: PageRequest & RequestTypeFilter & { serviceDeskId?: string[] | undefined }) => {
  const wanted = query.serviceDeskId ? new Set(query.serviceDeskId) : undefined;
  const desks = (await readableDesks(caller)).filter((d) => !wanted || wanted.has(d.id)).slice(0, 500);
  const types = (await Promise.all(desks.map((d) => queryAllRequestTypes(d.id)))).flat();
  return slicePage(types.filter(matches(query)), query);
};

/** Requests of a deleted type keep it as their requestTypeId; no new request can use it. */
export const deleteRequestType = async (caller: Caller, deskRef: string, id: string): Promise<void> => {
  const desk = await resolveDesk(deskRef);
  await requireDeskAgent(caller, desk.id);
  const requestType = await getRequestType(desk.id, id);
  if (!requestType) throw notFound();
  await transactWrite(
    [deleteRequestTypeItem(requestType), ...auditItems(caller, 'servicedesk.requesttype.deleted', [{ type: 'servicedesk', id: desk.id }], { before: { requestTypeId: id, name: requestType.name } })],
    { requestType: notFound },
  );
  forgetDeskConfig(desk.id);
};
