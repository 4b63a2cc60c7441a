/** The organizations issue's budgets on desks, organizations and effective access, and their part of results.md. */
import { ACCESS_SIZES } from './access-operations';
import { describe, table } from './format';
import type { OperationsResults } from './operations';

interface Budget {
  budget: string;
  limit: string;
  measured: string;
  pass: boolean;
}

/** effectiveAccess itself may make at most this many round trips, whatever the table holds. */
export const EFFECTIVE_ACCESS_LIMIT = 3;
/** Adding N customers at once may cost at most ceil(N / 25) more round trips than adding one (the issue's budget). */
const PER_ROUND_TRIP = 25;

export const accessBudgets = (ops: Pick<OperationsResults, 'operations' | 'access'>): Budget[] => {
  const budgets: Budget[] = [];
  const adds = ops.access.addCustomers;
  const first = adds[0];
  const last = adds[adds.length - 1];
  if (first && last) {
    const allowed = Math.ceil(last.customers / PER_ROUND_TRIP);
    const growth = last.roundTripsExcludingAuth - first.roundTripsExcludingAuth;
    budgets.push({
      budget: `add customers to a desk: round trips grow with N/${PER_ROUND_TRIP}, not N (excluding auth)`,
      limit: `N=${last.customers} at most ${allowed} more than N=${first.customers}`,
      measured: `${adds.map((a) => `N=${a.customers}: ${a.roundTripsExcludingAuth}`).join(', ')} (+${growth})`,
      pass: growth <= allowed,
    });
  }
  const list = ops.operations.listOrganizationMembers;
  if (list) {
    const queries = list.commandsExcludingAuth.QueryCommand ?? 0;
    budgets.push({
      budget: `${list.what}: a page of members is one Query (excluding auth)`,
      limit: '1 Query',
      measured: describe(list.commandsExcludingAuth),
      pass: queries === 1,
    });
  }
  const points = ops.access.effectiveAccess;
  for (const p of points) {
    budgets.push({
      budget: `effective access (effectiveAccess), ${p.scenario}`,
      limit: `<= ${EFFECTIVE_ACCESS_LIMIT} round trips`,
      measured: `${p.roundTrips} (${describe(p.commands)})`,
      pass: p.roundTrips <= EFFECTIVE_ACCESS_LIMIT,
    });
  }
  const [small, ...others] = points;
  if (small && others.length > 0) {
    const most = Math.max(...others.map((p) => p.roundTrips));
    budgets.push({
      budget: 'effective access: round trips do not grow with the table or the account\'s organizations',
      limit: `<= ${small.roundTrips} (the small table)`,
      measured: points.map((p) => `${p.tableDesks} desks / ${p.tableOrganizations} orgs / ${p.accountOrganizations} of the account's: ${p.roundTrips}`).join('; '),
      pass: most <= small.roundTrips,
    });
  }
  return budgets;
};

const data = (ops: OperationsResults['access']): string => {
  const S = ACCESS_SIZES;
  const [small, large] = ops.effectiveAccess;
  return `Data set (built over the API, unmeasured, after the directory's): ${S.desks} desks, every ${S.openEvery}th open;
${S.addSamplesPerCount} rounds of adding ${S.addCounts.join(', ')} fresh customers to one restricted desk (one call each); ${S.organizations}
organizations, organization n linked to desk n modulo the desks and holding ${S.membersPerOrganization} of the customers added above; one more
organization of ${ops.listedOrganizationMembers} members, whose first page (limit ${S.pageLimit}) is listed (${S.listWarmUp} warm-up, ${S.listSamples} measured calls) and from
which ${S.removeSamples} members are then removed one per call. The customer whose access is measured is a member of
${S.subjectOrganizations} of those organizations and a direct customer of ${S.subjectDesks} restricted desks; measured on a table of
${small?.tableDesks ?? '?'} desks and ${small?.tableOrganizations ?? '?'} organizations, then again after +${S.growthDesks} desks and +${S.growthOrganizations} organizations
(${large?.tableDesks ?? '?'} and ${large?.tableOrganizations ?? '?'}), then for another customer in ${S.busyOrganizations} organizations. Each answer is checked (its
organizations, direct desks and open desks) before its cost is recorded; ${S.accessWarmUp} warm-up and ${S.accessSamples} measured calls each.`;
};

export const accessMarkdown = (ops: Pick<OperationsResults, 'operations' | 'access'>): string => {
  const a = ops.access;
  const remove = ops.operations.removeOrganizationMember;
  const list = ops.operations.listOrganizationMembers;
  return `## Desks, organizations and effective access

${data(a)}

Adding customers to a desk (one call of N account ids; excluding auth):

${table(
  ['Customers added', 'Round trips', 'Commands', 'Capacity (DynamoDB Local)', 'Items in transaction', 'Real WCU of the transaction, at least'],
  a.addCustomers.map((p) => [
    p.customers, p.roundTripsExcludingAuth, describe(p.commandsExcludingAuth), p.capacityUnitsExcludingAuth, p.transactItems, 2 * p.transactItems,
  ]),
)}

The transaction holds one membership item per customer added and the audit event; DynamoDB Local undercounts the
capacity of transactions (see "Capacity of transactions in DynamoDB Local" below), so the last column gives what
real DynamoDB charges at least on the table (2 WCU per item of up to 1 KB), before the writes to the indexes.

Effective access of one customer. \`effectiveAccess\` (shared/domain/access.ts) is called directly with the meter
reset around it, so its figures are its own (no HTTP, no authentication); the profile
(\`GET /rest/admin/1/customer/{accountId}\`) adds the read of the account and the authentication.

${table(
  ['Account in', 'Table: desks (open)', 'Table: organizations', 'Desks with access', 'effectiveAccess round trips', 'Commands', 'Capacity', 'Profile excl. auth'],
  a.effectiveAccess.map((p) => [
    `${p.accountOrganizations} orgs, ${p.directDesks} desks directly`, `${p.tableDesks} (${p.tableOpenDesks})`, p.tableOrganizations,
    p.desksWithAccess, p.roundTrips, describe(p.commands), p.capacityUnits, `${p.profileRoundTripsExcludingAuth} (${describe(p.profileCommandsExcludingAuth)})`,
  ]),
)}

${list ? `A page of members: ${describe(list.commandsExcludingAuth)} excluding auth (capacity ${list.capacityUnitsExcludingAuth}), ${list.pageSize ?? '?'} members on the page.\n` : ''}${
  remove ? `Removing one member: ${remove.roundTripsExcludingAuth} round trips excluding auth (${describe(remove.commandsExcludingAuth)}), capacity ${remove.capacityUnitsExcludingAuth} excluding auth, ${remove.transactItems} items in its transaction.` : ''
}`;
};
