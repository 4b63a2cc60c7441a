/**
 * JSM's RequestType, its fields (CustomerRequestCreateMeta) and groups. Summary and description are JSM system
 * fields; custom fields carry the `jiraSchema` of the Jira custom field type they stand for.
 */
import type { Caller } from '#model/caller';
import type { CustomFieldRecord, RequestTypeRecord } from '#store/entities/request-type';

const CUSTOM = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const JIRA_SCHEMA: Record<CustomFieldRecord['type'], { type: string; custom: string; items?: string }> = {
  text: { type: 'string', custom: `${CUSTOM}textfield` },
  number: { type: 'number', custom: `${CUSTOM}float` },
  date: { type: 'date', custom: `${CUSTOM}datepicker` },
  select: { type: 'option', custom: `${CUSTOM}select` },
  organizations: { type: 'array', items: 'sd-customerorganization', custom: 'com.atlassian.servicedesk:sd-customer-organizations' },
};

const field = (fieldId: string, name: string, required: boolean, description: string, jiraSchema: Record<string, unknown>, validValues: Array<{ value: string; label: string; children: [] }> = []) => ({
  fieldId, name, description, required, defaultValues: [], validValues, presetValues: [], jiraSchema, visible: true,
});

const customField = (f: CustomFieldRecord) =>
  field(f.fieldId, f.name, f.required, f.description, { ...JIRA_SCHEMA[f.type], customId: Number(f.fieldId.slice('customfield_'.length)) },
    (f.values ?? []).map((label, i) => ({ value: String(i + 1), label, children: [] })));

/** The fields a request of this type takes. Staff may raise on behalf of customers and add participants at once. */
export const requestTypeFieldsView = (rt: RequestTypeRecord, caller: Caller) => ({
  canAddRequestParticipants: caller.kind === 'staff',
  canRaiseOnBehalfOf: caller.kind === 'staff',
  requestTypeFields: [
    field('summary', 'Summary', true, '', { type: 'string', system: 'summary' }),
    field('description', 'Description', false, '', { type: 'string', system: 'description' }),
    ...(rt.fields ?? []).map(customField),
  ],
});

/** JSM's RequestType; `expand=field` adds its fields. */
export const requestTypeView = (rt: RequestTypeRecord, baseUrl: string, expand?: { fields: Caller }) => ({
  _expands: ['field'],
  id: rt.id,
  name: rt.name,
  description: rt.description,
  helpText: rt.helpText,
  serviceDeskId: rt.serviceDeskId,
  portalId: rt.serviceDeskId,
  groupIds: [rt.serviceDeskId],
  restrictionStatus: 'OPEN',
  ...(expand ? { fields: requestTypeFieldsView(rt, expand.fields) } : {}),
  _links: { self: `${baseUrl}/rest/servicedeskapi/servicedesk/${rt.serviceDeskId}/requesttype/${rt.id}` },
});

