/**
 * The unmeasured data set of the access bench, built over the API as the bootstrap admin: customers, desks (some
 * open), organizations linked to desks and holding members. Calls run in parallel in small batches.
 */
import type { Harness } from './harness';

/**
 * Calls in flight at once. Creates numbered by a counter (desks, organizations) go one at a time: two at once
 * read the same counter value, and the loser's transaction fails on the counter *and* on its item numbered with
 * the stale id, which shared/store/counters.ts reports as the caller's own conflict (a spurious 409) instead of
 * retrying with the next id.
 */
const PARALLEL = 8;
const PARALLEL_NUMBERED = 1;

export const inBatches = async <T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)))));
  }
  return results;
};

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** A project key for desk number n: "BK" and three letters (AAA, AAB, ...), always 2 to 10 capitals. */
const projectKey = (n: number): string => {
  let letters = '';
  for (let rest = n, i = 0; i < 3; i += 1, rest = Math.floor(rest / 26)) letters = String.fromCharCode(65 + (rest % 26)) + letters;
  return `BK${letters}`;
};

export interface Desk {
  id: string;
  projectKey: string;
  open: boolean;
}

export interface DataSet {
  desks: Desk[];
  /** Organization ids, each linked to one desk and holding a few members. */
  organizations: string[];
  customers: number;
}

export class AccessSetup {
  readonly data: DataSet = { desks: [], organizations: [], customers: 0 };
  private organizationCount = 0;

  constructor(private readonly h: Harness) {}

  /** Fresh customers, their account ids in order. */
  async customers(label: string, count: number): Promise<string[]> {
    const first = this.data.customers;
    this.data.customers += count;
    return inBatches(range(first, count), PARALLEL, async (n) => {
      const body = { email: `${label}.${n}@access.example`, displayName: `Access ${label} ${n}` };
      const created = await this.h.setup<{ accountId: string }>('POST', '/rest/servicedeskapi/customer', 201, body);
      return created.accountId;
    });
  }

  /** Desks numbered on from the existing ones; every `openEvery`-th is open. */
  async desks(count: number, openEvery: number): Promise<Desk[]> {
    const first = this.data.desks.length;
    const desks = await inBatches(range(first, count), PARALLEL_NUMBERED, async (n) => {
      const open = n % openEvery === 0;
      const body = { projectKey: projectKey(n), projectName: `Bench desk ${n}`, access: open ? 'open' : 'restricted' };
      const desk = await this.h.setup<{ id: string }>('POST', '/rest/admin/1/servicedesk', 201, body);
      return { id: desk.id, projectKey: body.projectKey, open };
    });
    this.data.desks.push(...desks);
    return desks;
  }

  async organization(name: string): Promise<string> {
    this.organizationCount += 1;
    return (await this.h.setup<{ id: string }>('POST', '/rest/servicedeskapi/organization', 201, { name })).id;
  }

  async link(organizationId: string, deskId: string): Promise<void> {
    await this.h.setup('POST', `/rest/servicedeskapi/servicedesk/${deskId}/organization`, 204, { organizationId });
  }

  async addMembers(organizationId: string, accountIds: string[]): Promise<void> {
    for (let i = 0; i < accountIds.length; i += 50) {
      await this.h.setup('POST', `/rest/servicedeskapi/organization/${organizationId}/user`, 204, { accountIds: accountIds.slice(i, i + 50) });
    }
  }

  async addDeskCustomers(deskId: string, accountIds: string[]): Promise<void> {
    await this.h.setup('POST', `/rest/servicedeskapi/servicedesk/${deskId}/customer`, 204, { accountIds });
  }

  /**
   * Organizations numbered on from the existing ones, organization n linked to desk n modulo the desks there are
   * now and holding `membersEach` accounts of the pool.
   */
  async organizations(count: number, pool: readonly string[], membersEach: number): Promise<string[]> {
    const first = this.organizationCount;
    const ids = await inBatches(range(first, count), PARALLEL_NUMBERED, (n) => this.organization(`Bench organization ${n}`));
    await inBatches(ids, PARALLEL, async (id, i) => {
      const n = first + i;
      const desk = this.data.desks[n % this.data.desks.length];
      if (desk) await this.link(id, desk.id);
      const members = range(n * membersEach, membersEach).map((m) => pool[m % pool.length] as string);
      if (members.length > 0) await this.addMembers(id, members);
    });
    this.data.organizations.push(...ids);
    return ids;
  }
}
