/** Lambda "organizations": JSM organizations, their members and properties, and email domains. */
import { deleteOrganization } from '#domain/organization-deletion';
import {
  addOrganizationMembers,
  createOrganization,
  domainsOf,
  linkedDesks,
  listFellowMembers,
  listMembers,
  listOrganizations,
  listPropertyKeys,
  organizationFor,
  readProperty,
  removeOrganizationMembers,
  removeProperty,
  setDomains,
  writeProperty,
} from '#domain/organizations';
import { Reply, httpFunction } from '#http/handler';
import { organizationRoutes } from '#routes/organizations';
import { pageOf } from '#http/page';
import { describedDeskView, memberView, organizationView } from '#http/views';

/** How long one DELETE may spend removing memberships before it answers 202 and leaves the rest to the next call. */
const deletionBudgetMs = () => Number(process.env.ORGANIZATION_DELETE_BUDGET_MS ?? 20_000);

const propertyUrl = (baseUrl: string, id: string, key: string) =>
  `${baseUrl}/rest/servicedeskapi/organization/${id}/property/${encodeURIComponent(key)}`;

export const handler = httpFunction(organizationRoutes, {
  listOrganizations: async (input) => {
    const page = await listOrganizations(input.caller, input.query, input.query.accountId);
    return pageOf(input, page, (o) => organizationView(o, input.baseUrl));
  },
  createOrganization: async ({ body, caller, baseUrl }) => {
    // As JSM: 201 with the organization, whether created now or already there (for a caller who may see it).
    const { organization } = await createOrganization(caller, body.name);
    return organizationView(organization, baseUrl);
  },
  getOrganization: async ({ params, caller, baseUrl }) => organizationView(await organizationFor(caller, params.organizationId), baseUrl),
  deleteOrganization: async ({ params, caller }) => {
    const progress = await deleteOrganization(caller, params.organizationId, Date.now() + deletionBudgetMs());
    // Done: 204 as in JSM. Not done yet: the organization is already gone for everyone; DELETE again to finish.
    return progress.done ? undefined : new Reply({ status: 'deleting', removed: progress.removed }, {}, 202);
  },
  listOrganizationUsers: async (input) => {
    const page = await listMembers(input.caller, input.params.organizationId, input.query);
    return pageOf(input, page, (m) => memberView(m, input.baseUrl));
  },
  listFellowMembers: async (input) => {
    const page = await listFellowMembers(input.caller, input.params.organizationId, input.query);
    // Customers see each other's names, not their emails.
    return pageOf(input, page, (m) => memberView(m, input.baseUrl, input.caller));
  },
  addOrganizationUsers: async ({ params, body, caller }) => {
    await addOrganizationMembers(caller, params.organizationId, body.accountIds);
  },
  removeOrganizationUsers: async ({ params, body, caller }) => removeOrganizationMembers(caller, params.organizationId, body.accountIds),
  listOrganizationProperties: async ({ params, caller, baseUrl }) => ({
    keys: (await listPropertyKeys(caller, params.organizationId)).map((key) => ({ self: propertyUrl(baseUrl, params.organizationId, key), key })),
  }),
  getOrganizationProperty: async ({ params, caller }) => ({
    key: params.propertyKey,
    value: await readProperty(caller, params.organizationId, params.propertyKey),
  }),
  setOrganizationProperty: async ({ params, body, caller }) => {
    const outcome = await writeProperty(caller, params.organizationId, params.propertyKey, body);
    return new Reply(undefined, {}, outcome === 'created' ? 201 : 200);
  },
  deleteOrganizationProperty: async ({ params, caller }) => removeProperty(caller, params.organizationId, params.propertyKey),
  setOrganizationDomains: async ({ params, body, caller }) => setDomains(caller, params.organizationId, body),
  getOrganizationDomains: async ({ params }) => domainsOf(params.organizationId),
  listOrganizationDesks: async (input) => pageOf(input, await linkedDesks(input.caller, input.params.organizationId, input.query), (d) => describedDeskView(d, input.baseUrl)),
});
