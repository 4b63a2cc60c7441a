/**
 * Setup for the desk, organization and access tests, through the public API only: desks, agents, organizations,
 * links, members, and reading a customer's effective access. One table is shared per test file, so every desk key,
 * organization name and email domain made here is unique.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { expectJsmError, uniqueEmail, type Answer, type Credentials, type TestApp } from '#harness/app';

export interface Desk {
  id: string;
  projectId: string;
  projectName: string;
  projectKey: string;
  _links: { self: string };
}
export interface Organization {
  id: string;
  name: string;
  _links: { self: string };
}
export type Staff = Credentials & { accountId: string };
export type Via = { type: 'direct' } | { type: 'open' } | { type: 'organization'; organizationId: string };
type As = { as?: Credentials };

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** 'K' and seven random capitals: a valid project key no other test of the file uses. */
export const uniqueProjectKey = (): string => `K${Array.from({ length: 7 }, () => LETTERS[randomInt(LETTERS.length)]).join('')}`;
export const uniqueName = (prefix: string): string => `${prefix} ${randomBytes(4).toString('hex')}`;
export const uniqueDomain = (): string => `acme-${randomBytes(4).toString('hex')}.test`;
/** A well-formed account id that belongs to nobody. */
export const unknownAccountId = (): string => randomBytes(12).toString('hex');

/** Setup steps fail loudly, with the server's answer, instead of letting a later assertion fail obscurely. */
const expectStatus = <T>(step: string, answer: Answer<T>, ...statuses: number[]): Answer<T> => {
  if (!statuses.includes(answer.status)) throw new Error(`${step}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
};

/** For a caller who may not see or touch something: 403 or 404 are both acceptable, in the JSM error shape. */
export const expectForbiddenOrHidden = (answer: Answer): void => {
  expect([403, 404]).toContain(answer.status);
  expectJsmError(answer, answer.status);
};

/** The id of the desk's first request type (every desk is created with one). */
export const firstRequestTypeId = async (app: TestApp, deskId: string): Promise<string> =>
  (await app.call('GET', `/rest/servicedeskapi/servicedesk/${deskId}/requesttype`)).body.values[0].id;

export const createDesk = async (app: TestApp, access: 'open' | 'restricted' = 'restricted', projectName = 'Help desk', description?: string): Promise<Desk> => {
  const body = { projectKey: uniqueProjectKey(), projectName, access, ...(description === undefined ? {} : { description }) };
  return expectStatus('createDesk', await app.call<Desk>('POST', '/rest/admin/1/servicedesk', { body }), 201).body;
};

/** A new agent, made agent of the given desks. */
export const createAgent = async (app: TestApp, ...desks: Desk[]): Promise<Staff> => {
  const agent = await app.createStaff('agent');
  for (const desk of desks) {
    const answer = await app.call('POST', `/rest/admin/1/servicedesk/${desk.id}/agent`, { body: { accountIds: [agent.accountId] } });
    expectStatus('addAgent', answer, 204);
  }
  return agent;
};

export const createOrganization = async (app: TestApp, name = uniqueName('Org'), options: As = {}): Promise<Organization> => {
  const answer = await app.call<Organization>('POST', '/rest/servicedeskapi/organization', { body: { name }, ...options });
  return expectStatus('createOrganization', answer, 201).body;
};

export const linkOrganization = async (app: TestApp, desk: Desk, org: Organization, options: As = {}): Promise<void> => {
  const answer = await app.call('POST', `/rest/servicedeskapi/servicedesk/${desk.id}/organization`, { body: { organizationId: org.id }, ...options });
  expectStatus('linkOrganization', answer, 204);
};

/** Adds members in calls of at most 50 ids. */
export const addMembers = async (app: TestApp, org: Organization, accountIds: string[], options: As = {}): Promise<void> => {
  for (let i = 0; i < accountIds.length; i += 50) {
    const body = { accountIds: accountIds.slice(i, i + 50) };
    expectStatus('addMembers', await app.call('POST', `/rest/servicedeskapi/organization/${org.id}/user`, { body, ...options }), 204);
  }
};

export const addDeskCustomers = async (app: TestApp, desk: Desk, accountIds: string[], options: As = {}): Promise<void> => {
  const body = { accountIds };
  expectStatus('addDeskCustomers', await app.call('POST', `/rest/servicedeskapi/servicedesk/${desk.id}/customer`, { body, ...options }), 204);
};

/** `count` new customers, created ten at a time; `emailOf(i)` picks their emails (default: unique ones). */
export const createCustomers = async (
  app: TestApp,
  count: number,
  emailOf: (i: number) => string = () => uniqueEmail('member'),
): Promise<Array<{ accountId: string; emailAddress: string }>> => {
  const created: Array<{ accountId: string; emailAddress: string }> = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) => app.createCustomer(emailOf(i + j), `Member ${i + j}`));
    created.push(...(await Promise.all(batch)));
  }
  return created;
};

export interface Profile {
  organizations: Array<{ id: string; name: string }>;
  access: Array<{ serviceDeskId: string; projectKey: string; via: Via[] }>;
}

export const profileOf = async (app: TestApp, accountId: string): Promise<Profile> =>
  expectStatus('profile', await app.call<Profile>('GET', `/rest/admin/1/customer/${accountId}`), 200).body;

/** Why the account may use the desk, or undefined when it may not (other desks of the shared table are ignored). */
export const accessTo = async (app: TestApp, accountId: string, desk: Desk): Promise<Via[] | undefined> => {
  const entries = (await profileOf(app, accountId)).access.filter((a) => a.serviceDeskId === desk.id);
  expect(entries.length).toBeLessThanOrEqual(1);
  if (entries[0]) expect(entries[0].projectKey).toBe(desk.projectKey);
  return entries[0]?.via;
};

export interface JsmPage<T> {
  size: number;
  start: number;
  limit: number;
  isLastPage: boolean;
  values: T[];
  _links: { base: string; context: string; self: string; next?: string; prev?: string };
}

/** Reads a JSM list to its end by following `_links.next`; every page must answer 200. */
export const allPages = async <T = any>(app: TestApp, path: string, options: As = {}): Promise<{ pages: Array<JsmPage<T>>; values: T[] }> => {
  const pages: Array<JsmPage<T>> = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    if (pages.length > 100) throw new Error(`allPages: more than 100 pages at ${path}`);
    const page: JsmPage<T> = expectStatus('allPages', await app.call<JsmPage<T>>('GET', next, options), 200).body;
    pages.push(page);
    const link = page.isLastPage ? undefined : page._links.next;
    if (!page.isLastPage && link === undefined) throw new Error(`allPages: a page that is not the last has no next link at ${next}`);
    next = link === undefined ? undefined : new URL(link).pathname + new URL(link).search;
  }
  return { pages, values: pages.flatMap((p) => p.values) };
};

export const accountIdsOf = (values: Array<{ accountId: string }>): string[] => values.map((v) => v.accountId);
export const idsOf = (values: Array<{ id: string }>): string[] => values.map((v) => v.id);

export const membersOf = async (app: TestApp, org: Organization): Promise<string[]> =>
  accountIdsOf((await allPages(app, `/rest/servicedeskapi/organization/${org.id}/user?limit=100`)).values);
export const deskCustomersOf = async (app: TestApp, desk: Desk): Promise<string[]> =>
  accountIdsOf((await allPages(app, `/rest/servicedeskapi/servicedesk/${desk.id}/customer?limit=100`)).values);
export const deskOrganizationsOf = async (app: TestApp, desk: Desk): Promise<string[]> =>
  idsOf((await allPages(app, `/rest/servicedeskapi/servicedesk/${desk.id}/organization?limit=100`)).values);
export const organizationsOfAccount = async (app: TestApp, accountId: string): Promise<string[]> =>
  idsOf((await allPages(app, `/rest/servicedeskapi/organization?accountId=${accountId}&limit=100`)).values);

export interface AuditEvent {
  id: string;
  action: string;
  created: { epochMillis: number };
  actor: { accountId: string };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}
/** The whole audit trail of one subject (`organizationId=1`, `serviceDeskId=2`), newest first. */
export const auditOf = async (app: TestApp, filter: string): Promise<AuditEvent[]> =>
  (await allPages<AuditEvent>(app, `/rest/admin/1/audit?${filter}&limit=100`)).values;
