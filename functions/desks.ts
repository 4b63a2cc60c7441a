/** Lambda "desks": service desks, their agents, request types, customers and organization links. */
import {
  addAgents,
  addDeskCustomers,
  createDesk,
  createRequestType,
  deskForReader,
  linkOrganization,
  listDeskCustomers,
  listDeskOrganizations,
  listDesks,
  listRequestTypes,
  removeAgents,
  removeDeskCustomers,
  resolveDesk,
  unlinkOrganization,
  updateDesk,
} from '#domain/desks';
import { httpFunction } from '#http/handler';
import { pageOf } from '#http/paging';
import { deskView, memberView, organizationView, requestTypeView } from '#http/views';

export const handler = httpFunction('desks', {
  createDesk: async ({ body, caller, baseUrl }) => deskView(await createDesk(caller, body), baseUrl),
  updateDesk: async ({ params, body, caller, baseUrl }) => deskView(await updateDesk(caller, params.serviceDeskId, body), baseUrl),
  addDeskAgents: async ({ params, body, caller }) => addAgents(caller, params.serviceDeskId, body.accountIds),
  removeDeskAgents: async ({ params, body, caller }) => removeAgents(caller, params.serviceDeskId, body.accountIds),
  createRequestType: async ({ params, body, caller, baseUrl }) =>
    requestTypeView(await createRequestType(caller, await resolveDesk(params.serviceDeskId), body), baseUrl),

  listDesks: async (input) => {
    const page = await listDesks(input.caller, input.query);
    return pageOf(input, page, (d) => deskView(d, input.baseUrl));
  },
  getDesk: async ({ params, caller, baseUrl }) => deskView(await deskForReader(caller, params.serviceDeskId), baseUrl),
  listRequestTypes: async (input) => {
    const desk = await deskForReader(input.caller, input.params.serviceDeskId);
    const page = await listRequestTypes(desk, input.query);
    return pageOf(input, { ...page, values: page.requestTypes }, (rt) => requestTypeView(rt, input.baseUrl));
  },
  listDeskCustomers: async (input) => {
    const page = await listDeskCustomers(input.caller, input.params.serviceDeskId, input.query, input.query.query);
    return pageOf(input, { ...page, values: page.members }, (m) => memberView(m, input.baseUrl));
  },
  addDeskCustomers: async ({ params, body, caller }) => addDeskCustomers(caller, params.serviceDeskId, body.accountIds),
  removeDeskCustomers: async ({ params, body, caller }) => removeDeskCustomers(caller, params.serviceDeskId, body.accountIds),
  listDeskOrganizations: async (input) => {
    const page = await listDeskOrganizations(input.caller, input.params.serviceDeskId, input.query);
    return pageOf(input, { ...page, values: page.organizations }, (o) => organizationView(o, input.baseUrl));
  },
  linkDeskOrganization: async ({ params, body, caller }) => linkOrganization(caller, params.serviceDeskId, body.organizationId),
  unlinkDeskOrganization: async ({ params, body, caller }) => unlinkOrganization(caller, params.serviceDeskId, body.organizationId),
});
