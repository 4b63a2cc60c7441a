/** Service desks ("projects"): create, change, their agents, request types, direct customers and organization links. */
import { ClaimHeld, Forbidden, ItemMissing, LostUpdate, NotFound } from '#errors';
import { nextId } from '#store/counters';
import { claimDeskKeyItem, getDesk, getDeskIdByKey, getDesks, putDeskItem, putRequestTypeItem, queryDesks } from '#store/desks';
import type { AccountRecord } from '#store/entities/account';
import type { DeskAccess } from '#model/vocabulary';
import type { DeskRecord } from '#store/entities/desk';
import type { Group } from '#store/entities/membership';
import type { RequestTypeRecord } from '#store/entities/request-type';
import { queryMembers } from '#store/memberships';
import { getOrganization, getOrganizations, linkItems, queryDeskOrganizationIds, unlinkItems } from '#store/organizations';
import { transactWrite } from '#store/transact';
import { searchTerm } from '#model/email';
import { getAccount } from '#store/accounts';
import { agentDeskIds, effectiveAccess, organizationIdsOf, requireDeskAgent, requireOrganizationAccess } from './access';
import { auditItems } from './audit';
import { deskConfig, forgetDeskConfig } from './desk-config';
import { forgetOpenDesks } from './open-desks';
import { setBounded } from './warm-memory';
import { addMembers, removeMembers } from './memberships';
import { requireValidFields } from './request-fields';
import { slicePage, type PageRequest } from '#model/page';
import type { Caller } from '#model/caller';

export const DEFAULT_REQUEST_TYPE = { name: 'Get help', description: 'Ask a question or report a problem', helpText: '' };
type NewRequestType = typeof DEFAULT_REQUEST_TYPE & Pick<RequestTypeRecord, 'fields'>;

const deskSubject = (id: string) => [{ type: 'servicedesk' as const, id }];

/** A desk by id or project key; 404 when there is none. */
const deskNotFound = () => new NotFound('No service desk with this id or key', 'sd.servicedesk.error.not.found');

/** Project keys never change and desks are never deleted, so a key once read names its desk for good. */
const deskIdsByKey = new Map<string, string>();
const MAX_KEYS_REMEMBERED = 10_000;

/** A desk's id by its project key: one read, then none in this warm function. */
export const deskIdByKey = async (projectKey: string): Promise<string | undefined> => {
  const key = projectKey.toUpperCase();
  const known = deskIdsByKey.get(key);
  if (known) return known;
  const id = await getDeskIdByKey(key);
  return id ? setBounded(deskIdsByKey, key, id, MAX_KEYS_REMEMBERED) : undefined;
};

const deskIdOf = async (ref: string): Promise<string | undefined> => (/^\d+$/.test(ref) ? ref : deskIdByKey(ref));

export const resolveDesk = async (ref: string): Promise<DeskRecord> => {
  const id = await deskIdOf(ref);
  const desk = id ? await getDesk(id) : undefined;
  if (!desk) throw deskNotFound();
  return desk;
};

/**
 * A desk (by id or key) and one of its request types (which may be missing), from the desk's configuration: one
 * Query, or none while this warm function remembers it. A type not (yet) known here is looked for once more.
 */
export const resolveDeskWithRequestType = async (ref: string, requestTypeId: string) => {
  const id = await deskIdOf(ref);
  let config = id ? await deskConfig(id) : undefined;
  if (!config) throw deskNotFound();
  if (!config.requestTypes.some((t) => t.id === requestTypeId)) {
    forgetDeskConfig(config.desk.id);
    config = (await deskConfig(config.desk.id)) ?? config;
  }
  return { desk: config.desk, requestType: config.requestTypes.find((t) => t.id === requestTypeId) };
};

/**
 * A desk as its readers see it: staff who work on it, and customers who may use it (effective access); anyone
 * else gets 404, as if it did not exist.
 */
export const deskForReader = async (caller: Caller, ref: string): Promise<DeskRecord> => {
  if (caller.kind !== 'customer') return deskForAgent(caller, ref);
  // A signed-in customer is an active account (the edge checked): the desk and their access are read at once.
  const [desk, reach] = await Promise.all([resolveDesk(ref), effectiveAccess({ accountId: caller.accountId, status: 'active' })]);
  if (!reach.access.some((a) => a.serviceDeskId === desk.id)) throw new NotFound('No service desk with this id or key', 'sd.servicedesk.error.not.found');
  return desk;
};

/** Resolves the desk and checks that the caller is one of its agents (or an admin). */
export const deskForAgent = async (caller: Caller, ref: string): Promise<DeskRecord> => {
  const desk = await resolveDesk(ref);
  await requireDeskAgent(caller, desk.id);
  return desk;
};

const newRequestTypeItems = (deskId: string, id: string, input: NewRequestType, now: string) => {
  const rt: RequestTypeRecord = { id, serviceDeskId: deskId, ...input, ...(input.fields?.length ? {} : { fields: undefined }), createdAt: now };
  return { rt, item: putRequestTypeItem(rt) };
};

export const createDesk = async (caller: Caller, input: { projectKey: string; projectName: string; description?: string; access: DeskAccess }): Promise<DeskRecord> => {
  const now = new Date().toISOString();
  // The desk, its key claim and its default request type in one transaction (both ids taken before it): a desk never
  // exists without a request type, whatever step a crash hits.
  const [id, typeId] = await Promise.all([nextId('servicedesk'), nextId('requesttype')]);
  const { projectKey, projectName, description = '', access } = input;
  const desk: DeskRecord = { id, projectKey, projectName, description, access, createdAt: now, updatedAt: now, version: 1 };
  await transactWrite(
    [
      claimDeskKeyItem(input.projectKey, id),
      putDeskItem(desk, undefined),
      newRequestTypeItems(id, typeId, DEFAULT_REQUEST_TYPE, now).item,
      ...auditItems(caller, 'servicedesk.created', deskSubject(id), { after: { ...input } }),
      ...auditItems(caller, 'servicedesk.requesttype.created', deskSubject(id), { after: { requestTypeId: typeId, name: DEFAULT_REQUEST_TYPE.name } }),
    ],
    { deskKeyClaim: () => new ClaimHeld(`A service desk with the key ${input.projectKey} already exists`, 'sd.servicedesk.error.key.exists', [input.projectKey]) },
  );
  if (desk.access === 'open') forgetOpenDesks();
  return desk;
};

/** What a desk's audit events record of it. */
const auditedDesk = (d: DeskRecord) => ({
  projectName: d.projectName,
  description: d.description ?? '',
  access: d.access,
  ccParticipants: d.ccParticipants !== false,
  acknowledgeRequests: d.acknowledgeRequests !== false,
});

export const updateDesk = async (
  caller: Caller,
  ref: string,
  changes: {
    projectName?: string | undefined;
    description?: string | undefined;
    access?: DeskAccess | undefined;
    ccParticipants?: boolean | undefined;
    acknowledgeRequests?: boolean | undefined;
  },
): Promise<DeskRecord> => {
  const desk = await resolveDesk(ref);
  const updated: DeskRecord = { ...desk, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)), version: desk.version + 1, updatedAt: new Date().toISOString() };
  await transactWrite(
    [
      putDeskItem(updated, desk.version),
      ...auditItems(caller, changes.access && changes.access !== desk.access ? 'servicedesk.access.changed' : 'servicedesk.updated', deskSubject(desk.id), {
        before: auditedDesk(desk),
        after: auditedDesk(updated),
      }),
    ],
    { desk: () => new LostUpdate('The service desk was changed by someone else; try again') },
  );
  if (updated.access !== desk.access) forgetOpenDesks();
  forgetDeskConfig(desk.id);
  return updated;
};

export const createRequestType = async (caller: Caller, desk: DeskRecord, input: NewRequestType): Promise<RequestTypeRecord> => {
  requireValidFields(input.fields);
  const id = await nextId('requesttype');
  const { rt, item } = newRequestTypeItems(desk.id, id, input, new Date().toISOString());
  await transactWrite(
    [item, ...auditItems(caller, 'servicedesk.requesttype.created', deskSubject(desk.id), { after: { requestTypeId: id, name: input.name } })],
    { requestType: () => new ClaimHeld('Request type id taken; try again') },
  );
  forgetDeskConfig(desk.id);
  return rt;
};

/** The desks an account may use (effective access), as desks. */
export const usableDesks = async (account: AccountRecord): Promise<DeskRecord[]> => {
  const ids = (await effectiveAccess(account)).access.map((a) => a.serviceDeskId);
  return ids.length === 0 ? [] : getDesks(ids);
};

/** Admins see every desk; agents the desks they work on; customers the desks they may use. */
export const listDesks = async (caller: Caller, page: PageRequest) => {
  if (caller.kind === 'customer') {
    const account = caller.account ?? (await getAccount(caller.accountId));
    return slicePage(account ? await usableDesks(account) : [], page);
  }
  if (caller.kind !== 'staff') throw new Forbidden();
  if (caller.role === 'admin') {
    return queryDesks(page);
  }
  // An agent's desks are known from their relationships: read exactly those (no filter over every desk).
  const mine = [...(await agentDeskIds(caller.accountId))];
  return slicePage(mine.length === 0 ? [] : await getDesks(mine), page);
};

// ---- Agents -------------------------------------------------------------------------------------
const agentsOf = (deskId: string): Group => ({ kind: 'deskAgents', deskId });

export const addAgents = async (caller: Caller, ref: string, accountIds: string[]) => {
  const desk = await resolveDesk(ref);
  await addMembers({
    caller, group: agentsOf(desk.id), accountIds, extra: { projectKey: desk.projectKey },
    audit: { action: 'servicedesk.agents.added', subjects: deskSubject(desk.id) },
    accept: (a) => (a.staffRole && a.status === 'active' ? undefined : 'only active staff members can be agents'),
  });
};

export const removeAgents = async (caller: Caller, ref: string, accountIds: string[]) => {
  const desk = await resolveDesk(ref);
  await removeMembers({ caller, group: agentsOf(desk.id), accountIds, audit: { action: 'servicedesk.agents.removed', subjects: deskSubject(desk.id) } });
};

// ---- Direct customers ("Project -> Customers") ----------------------------------------------------
const customersOf = (deskId: string): Group => ({ kind: 'deskCustomers', deskId });

export const listDeskCustomers = async (caller: Caller, ref: string, page: PageRequest, query?: string) => {
  const desk = await deskForAgent(caller, ref);
  return queryMembers(customersOf(desk.id), page, { term: query ? searchTerm(query) : undefined });
};

export const addDeskCustomers = async (caller: Caller, ref: string, accountIds: string[]) => {
  const desk = await deskForAgent(caller, ref);
  await addMembers({
    caller, group: customersOf(desk.id), accountIds, extra: { projectKey: desk.projectKey },
    audit: { action: 'servicedesk.customers.added', subjects: deskSubject(desk.id) },
  });
};

export const removeDeskCustomers = async (caller: Caller, ref: string, accountIds: string[]) => {
  const desk = await deskForAgent(caller, ref);
  await removeMembers({ caller, group: customersOf(desk.id), accountIds, audit: { action: 'servicedesk.customers.removed', subjects: deskSubject(desk.id) } });
};

// ---- Organization links -------------------------------------------------------------------------
/** `accountId` (JSM): only the organizations of that account linked to the desk. */
export const listDeskOrganizations = async (caller: Caller, ref: string, page: PageRequest & { accountId?: string | undefined }) => {
  const desk = await deskForAgent(caller, ref);
  if (page.accountId !== undefined) {
    const ids = await organizationIdsOf(page.accountId);
    const linked = (await getOrganizations(ids)).filter((o) => o.state === 'active' && o.desks?.[desk.id]).sort((a, b) => Number(a.id) - Number(b.id));
    return slicePage(linked, page);
  }
  const ids = await queryDeskOrganizationIds(desk.id, page);
  const orgs = new Map((await getOrganizations(ids.values)).map((o) => [o.id, o]));
  return { ...ids, values: ids.values.flatMap((id) => orgs.get(id) ?? []).filter((org) => org.state === 'active') };
};

const linkSubjects = (deskId: string, organizationId: string) => [
  { type: 'servicedesk' as const, id: deskId },
  { type: 'organization' as const, id: organizationId },
];

export const linkOrganization = async (caller: Caller, ref: string, organizationId: string): Promise<void> => {
  const desk = await deskForAgent(caller, ref);
  const org = await getOrganization(organizationId);
  if (!org || org.state !== 'active') throw new NotFound('No organization with this id', 'sd.organization.error.not.found');
  // An agent may link only an organization they may work with (unlinked, or linked to one of their desks).
  await requireOrganizationAccess(caller, org);
  if (org.desks?.[desk.id]) return; // already linked: a no-op, as in JSM
  await transactWrite(
    [...linkItems(desk.id, desk.projectKey, org.id), ...auditItems(caller, 'organization.linked', linkSubjects(desk.id, org.id))],
    {
      organization: () => new ItemMissing('No organization with this id', 'sd.organization.error.not.found'),
      deskOrganizationLink: () => new ClaimHeld('Linked meanwhile'),
    },
  ).catch((error: unknown) => {
    if (!(error instanceof ClaimHeld)) throw error; // a concurrent link of the same pair: the outcome is the same
  });
};

export const unlinkOrganization = async (caller: Caller, ref: string, organizationId: string): Promise<void> => {
  const desk = await deskForAgent(caller, ref);
  const org = await getOrganization(organizationId);
  if (!org) throw new NotFound('No organization with this id', 'sd.organization.error.not.found');
  if (!org.desks?.[desk.id]) return;
  await transactWrite(
    [...unlinkItems(desk.id, org.id), ...auditItems(caller, 'organization.unlinked', linkSubjects(desk.id, org.id))],
    { deskOrganizationLink: () => new LostUpdate('Unlinked meanwhile'), organization: () => new LostUpdate('Unlinked meanwhile') },
  ).catch((error: unknown) => {
    if (!(error instanceof LostUpdate)) throw error; // unlinked meanwhile, or the organization is gone: the outcome is the same
  });
};
