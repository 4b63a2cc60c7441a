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
  removeAgents,
  removeDeskCustomers,
  resolveDesk,
  unlinkOrganization,
  updateDesk,
} from '#domain/desks';
import { deleteRequestType, listAllRequestTypes, listRequestTypes, requestTypeFor, requestTypeGroupOf } from '#domain/request-types';
import { expandsOf } from '#http/expand';
import { httpFunction } from '#http/handler';
import { deskRoutes } from '#routes/desks';
import { pageOf } from '#http/page';
import { requestTypeFieldsView, requestTypeView } from '#http/request-type-views';
import { describedDeskView, deskView, memberView, organizationView } from '#http/views';
import { slicePage } from '#model/page';
import type { Caller } from '#model/caller';

/** `expand=field` adds a request type's fields. */
const typeExpand = (expand: string | undefined, caller: Caller) => (expandsOf(expand).has('field') ? { fields: caller } : undefined);

export const handler = httpFunction(deskRoutes, {
  createDesk: async ({ body, caller, baseUrl }) => describedDeskView(await createDesk(caller, body), baseUrl),
  updateDesk: async ({ params, body, caller, baseUrl }) => describedDeskView(await updateDesk(caller, params.serviceDeskId, body), baseUrl),
  addDeskAgents: async ({ params, body, caller }) => addAgents(caller, params.serviceDeskId, body.accountIds),
  removeDeskAgents: async ({ params, body, caller }) => removeAgents(caller, params.serviceDeskId, body.accountIds),
  createRequestType: async ({ params, body, caller, baseUrl }) =>
    requestTypeView(await createRequestType(caller, await resolveDesk(params.serviceDeskId), body), baseUrl, { fields: caller }),
  createJsmRequestType: async ({ params, body, caller, baseUrl }) => {
    const { name, description, helpText } = body;
    return requestTypeView(await createRequestType(caller, await resolveDesk(params.serviceDeskId), { name, description, helpText }), baseUrl);
  },
  deleteRequestType: async ({ params, caller }) => deleteRequestType(caller, params.serviceDeskId, params.requestTypeId),

  listDesks: async (input) => {
    const page = await listDesks(input.caller, input.query);
    return pageOf(input, page, (d) => deskView(d, input.baseUrl));
  },
  getDesk: async ({ params, caller, baseUrl }) => deskView(await deskForReader(caller, params.serviceDeskId), baseUrl),
  listRequestTypes: async (input) => {
    const desk = await deskForReader(input.caller, input.params.serviceDeskId);
    const expand = typeExpand(input.query.expand, input.caller);
    return pageOf(input, await listRequestTypes(desk, input.query), (rt) => requestTypeView(rt, input.baseUrl, expand));
  },
  getRequestType: async ({ params, query, caller, baseUrl }) =>
    requestTypeView((await requestTypeFor(caller, params.serviceDeskId, params.requestTypeId)).requestType, baseUrl, typeExpand(query.expand, caller)),
  listRequestTypeFields: async ({ params, caller }) =>
    requestTypeFieldsView((await requestTypeFor(caller, params.serviceDeskId, params.requestTypeId)).requestType, caller),
  listAllRequestTypes: async (input) => {
    const expand = typeExpand(input.query.expand, input.caller);
    return pageOf(input, await listAllRequestTypes(input.caller, input.query), (rt) => requestTypeView(rt, input.baseUrl, expand));
  },
  listRequestTypeGroups: async (input) => {
    const desk = await deskForReader(input.caller, input.params.serviceDeskId);
    return pageOf(input, slicePage([requestTypeGroupOf(desk)], input.query), (g) => g);
  },
  listDeskCustomers: async (input) => {
    const page = await listDeskCustomers(input.caller, input.params.serviceDeskId, input.query, input.query.query);
    return pageOf(input, page, (m) => memberView(m, input.baseUrl));
  },
  addDeskCustomers: async ({ params, body, caller }) => addDeskCustomers(caller, params.serviceDeskId, body.accountIds),
  removeDeskCustomers: async ({ params, body, caller }) => removeDeskCustomers(caller, params.serviceDeskId, body.accountIds),
  listDeskOrganizations: async (input) => {
    const page = await listDeskOrganizations(input.caller, input.params.serviceDeskId, input.query);
    return pageOf(input, page, (o) => organizationView(o, input.baseUrl));
  },
  linkDeskOrganization: async ({ params, body, caller }) => linkOrganization(caller, params.serviceDeskId, body.organizationId),
  unlinkDeskOrganization: async ({ params, body, caller }) => unlinkOrganization(caller, params.serviceDeskId, body.organizationId),
});
