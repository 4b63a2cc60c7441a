/**
 * DynamoDB cost of desks, organizations and effective access (the organizations issue): adding N customers to a
 * desk, a page of an organization's members, one customer's effective access as the table grows, and removing
 * one member. Same gateway, credentials and meter as operations.ts (see harness.ts).
 */
import { effectiveAccess, type EffectiveAccess } from '#domain/access';
import { getAccount } from '#store/accounts';
import { AccessSetup } from './access-setup';
import type { Harness, OperationResult, Sample } from './harness';

export const ACCESS_SIZES = {
  /** Customers added to a desk in one call, each sample with fresh customers. */
  addCounts: [1, 25, 50],
  addSamplesPerCount: 3,
  desks: 40,
  /** Every 4th desk is open: 10 of 40. */
  openEvery: 4,
  organizations: 200,
  /** Accounts of the pool in each of those organizations. */
  membersPerOrganization: 2,
  growthDesks: 40,
  growthOrganizations: 200,
  subjectOrganizations: 5,
  subjectDesks: 2,
  busyOrganizations: 30,
  accessWarmUp: 3,
  accessSamples: 20,
  listedOrganizationMembers: 120,
  pageLimit: 50,
  listWarmUp: 5,
  listSamples: 30,
  removeSamples: 10,
} as const;

export interface AddCustomersPoint {
  customers: number;
  roundTripsExcludingAuth: number;
  capacityUnitsExcludingAuth: number;
  commandsExcludingAuth: Record<string, number>;
  transactItems: number;
}

export interface AccessPoint {
  scenario: string;
  /** What the table held when measured. */
  tableDesks: number;
  tableOpenDesks: number;
  tableOrganizations: number;
  /** What the answer held: organizations of the account, desks it may use (of which direct). */
  accountOrganizations: number;
  desksWithAccess: number;
  directDesks: number;
  /** effectiveAccess itself (no HTTP, no authentication). */
  roundTrips: number;
  commands: Record<string, number>;
  capacityUnits: number;
  /** GET /rest/admin/1/customer/{accountId}, excluding authentication. */
  profileRoundTripsExcludingAuth: number;
  profileCommandsExcludingAuth: Record<string, number>;
}

export interface AccessResults {
  operations: Record<string, OperationResult>;
  details: {
    addCustomers: AddCustomersPoint[];
    effectiveAccess: AccessPoint[];
    listedOrganizationMembers: number;
  };
}

const sampled = async (warmUp: number, samples: number, one: () => Promise<Sample>): Promise<Sample[]> => {
  const kept: Sample[] = [];
  for (let i = 0; i < warmUp + samples; i += 1) {
    const sample = await one();
    if (i >= warmUp) kept.push(sample);
  }
  return kept;
};

export const measureAccessOperations = async (h: Harness): Promise<AccessResults> => {
  const S = ACCESS_SIZES;
  const setup = new AccessSetup(h);
  const operations: Record<string, OperationResult> = {};
  let mark = performance.now();
  const done = (what: string) => {
    console.log(`bench:   ${what} in ${((performance.now() - mark) / 1000).toFixed(1)} s`);
    mark = performance.now();
  };

  // ---- Add N customers to a desk: fresh customers for every sample, one call each. ----
  await setup.desks(S.desks, S.openEvery);
  const target = setup.data.desks[1];
  if (!target || target.open) throw new Error('desk 1 should be a restricted desk');
  const perSample = S.addCounts.reduce((a, b) => a + b, 0);
  const pool = await setup.customers('added', perSample * S.addSamplesPerCount);
  const addSamples = new Map<number, Sample[]>(S.addCounts.map((n) => [n, []]));
  done(`set up ${S.desks} desks and ${pool.length} customers`);
  let next = 0;
  for (let round = 0; round < S.addSamplesPerCount; round += 1) {
    for (const n of S.addCounts) {
      const accountIds = pool.slice(next, next + n);
      next += n;
      addSamples.get(n)?.push(await h.call('POST', `/rest/servicedeskapi/servicedesk/${target.id}/customer`, 204, { accountIds }));
    }
  }
  const addCustomers = S.addCounts.map((n): AddCustomersPoint => {
    const op = h.summarize('POST /rest/servicedeskapi/servicedesk/{id}/customer', `add ${n} customer${n > 1 ? 's' : ''} to a desk`, addSamples.get(n) ?? []);
    operations[`addDeskCustomers${n}`] = op;
    return {
      customers: n,
      roundTripsExcludingAuth: op.roundTripsExcludingAuth,
      capacityUnitsExcludingAuth: op.capacityUnitsExcludingAuth,
      commandsExcludingAuth: op.commandsExcludingAuth,
      transactItems: op.transactItems,
    };
  });
  done('measured adding customers to a desk');

  // ---- The table: organizations linked to desks, with members from the pool. ----
  await setup.organizations(S.organizations, pool, S.membersPerOrganization);
  done(`set up ${S.organizations} organizations`);

  // ---- A page of an organization's members, then removing one member at a time. ----
  const listed = await setup.organization('Bench listed organization');
  const members = await setup.customers('member', S.listedOrganizationMembers);
  await setup.addMembers(listed, members);
  await setup.link(listed, setup.data.desks[0]?.id ?? '1');
  const listPath = `/rest/servicedeskapi/organization/${listed}/user?limit=${S.pageLimit}`;
  const lists = await sampled(S.listWarmUp, S.listSamples, () => h.call('GET', listPath, 200));
  const pageSize = (lists[0]?.body as { values?: unknown[] } | undefined)?.values?.length ?? 0;
  if (pageSize !== S.pageLimit) throw new Error(`a page of members held ${pageSize} members, not ${S.pageLimit}`);
  operations.listOrganizationMembers = {
    ...h.summarize(`GET /rest/servicedeskapi/organization/{id}/user?limit=${S.pageLimit}`, `page of organization members (of ${members.length})`, lists),
    pageSize,
  };
  const removes: Sample[] = [];
  for (const accountId of members.slice(0, S.removeSamples)) {
    removes.push(await h.call('DELETE', `/rest/servicedeskapi/organization/${listed}/user`, 204, { accountIds: [accountId] }));
  }
  operations.removeOrganizationMember = h.summarize('DELETE /rest/servicedeskapi/organization/{id}/user', 'remove one organization member', removes);
  done('measured a page of members and removing members, with their setup');

  // ---- Effective access of one customer: 5 organizations linked to desks, direct customer of 2 desks. ----
  const [subject, busy] = await setup.customers('subject', 2);
  if (!subject || !busy) throw new Error('no subject customers');
  const orgs = setup.data.organizations;
  await Promise.all(orgs.slice(0, S.subjectOrganizations).map((id) => setup.addMembers(id, [subject])));
  const direct = setup.data.desks.filter((d) => !d.open).slice(-S.subjectDesks);
  await Promise.all(direct.map((d) => setup.addDeskCustomers(d.id, [subject])));

  const effective: AccessResults['details']['effectiveAccess'] = [];
  const measureAccess = async (key: string, scenario: string, accountId: string, expectOrganizations: number, expectDirect: number) => {
    const account = await getAccount(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    const directSamples = await sampled(S.accessWarmUp, S.accessSamples, () => h.direct(() => effectiveAccess(account)));
    const answer = directSamples[0]?.body as EffectiveAccess;
    const desksWithAccess = answer.access.length;
    const directDesks = answer.access.filter((a) => a.via.some((v) => v.type === 'direct')).length;
    const openDesks = setup.data.desks.filter((d) => d.open).length;
    const viaOpen = answer.access.filter((a) => a.via.some((v) => v.type === 'open')).length;
    if (answer.organizations.length !== expectOrganizations || directDesks !== expectDirect || viaOpen !== openDesks) {
      throw new Error(
        `effective access of ${scenario}: ${answer.organizations.length} organizations, ${directDesks} direct desks, ` +
          `${viaOpen} open desks; expected ${expectOrganizations}, ${expectDirect}, ${openDesks}`,
      );
    }
    const fn = h.summarize('effectiveAccess(account) in shared/domain/access.ts, no HTTP', `effective access, ${scenario}`, directSamples, false);
    const profilePath = `/rest/admin/1/customer/${accountId}`;
    const profiles = await sampled(S.accessWarmUp, S.accessSamples, () => h.call('GET', profilePath, 200));
    const http = h.summarize('GET /rest/admin/1/customer/{accountId}', `customer profile (HTTP), ${scenario}`, profiles);
    operations[`effectiveAccess${key}`] = fn;
    operations[`customerProfile${key}`] = http;
    effective.push({
      scenario,
      tableDesks: setup.data.desks.length,
      tableOpenDesks: openDesks,
      tableOrganizations: orgs.length + 1,
      accountOrganizations: answer.organizations.length,
      desksWithAccess,
      directDesks,
      roundTrips: fn.roundTrips,
      commands: fn.commands,
      capacityUnits: fn.capacityUnits,
      profileRoundTripsExcludingAuth: http.roundTripsExcludingAuth,
      profileCommandsExcludingAuth: http.commandsExcludingAuth,
    });
  };
  const tableNow = () => `table of ${setup.data.desks.length} desks / ${orgs.length + 1} orgs`;
  const subjectIn = `account in ${S.subjectOrganizations} orgs + ${S.subjectDesks} desks`;
  await measureAccess('Small', `${subjectIn}, ${tableNow()}`, subject, S.subjectOrganizations, S.subjectDesks);

  // ---- The same customer after the table grows, then a customer in 30 organizations. ----
  await setup.desks(S.growthDesks, S.openEvery);
  await setup.organizations(S.growthOrganizations, pool, S.membersPerOrganization);
  done(`grew the table by ${S.growthDesks} desks and ${S.growthOrganizations} organizations`);
  await measureAccess('Large', `${subjectIn}, ${tableNow()}`, subject, S.subjectOrganizations, S.subjectDesks);
  await Promise.all(orgs.slice(-S.busyOrganizations).map((id) => setup.addMembers(id, [busy])));
  await measureAccess('ThirtyOrganizations', `account in ${S.busyOrganizations} orgs, ${tableNow()}`, busy, S.busyOrganizations, 0);
  done('measured effective access (with setup)');

  return { operations, details: { addCustomers, effectiveAccess: effective, listedOrganizationMembers: members.length } };
};
