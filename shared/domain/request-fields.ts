/**
 * `requestFieldValues` of a new request against its request type's fields, in JSM's input formats: text a string,
 * number a number, date "yyyy-MM-dd", select `{"id": …}` or `{"value": …}`, and the Organizations field a list of
 * `{"id": …}` (or of ids), which shares the request with that organization (one at most here). Summary and
 * description are validated by the route's schema. Also the rules of declaring fields on a request type.
 */
import { BadRequest } from '#errors';
import type { CustomFieldRecord, RequestTypeRecord } from '#store/entities/request-type';
import type { RequestFieldValue, RequestRecord } from '#store/entities/request';

const SYSTEM_FIELDS = new Set(['summary', 'description', 'organizationId']);

const invalid = (f: CustomFieldRecord, what: string) =>
  new BadRequest(`${f.name} (${f.fieldId}) ${what}`, 'sd.request.error.field.value', [f.fieldId]);

const idOf = (v: unknown): string | undefined => {
  const id = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : v;
  return (typeof id === 'string' || typeof id === 'number') && /^[1-9]\d{0,9}$/.test(String(id)) ? String(id) : undefined;
};

const valueOf = (f: CustomFieldRecord, v: unknown): RequestFieldValue['value'] => {
  switch (f.type) {
    case 'text':
      if (typeof v !== 'string' || v.length > 32 * 1024) throw invalid(f, 'must be text of at most 32 KB');
      return v;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(f, 'must be a number');
      return v;
    case 'date':
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw invalid(f, 'must be a date as yyyy-MM-dd');
      return v;
    default: {
      const option = (v ?? {}) as { id?: unknown; value?: unknown };
      const i = option.id !== undefined ? Number(idOf(option) ?? 0) - 1 : (f.values ?? []).indexOf(String(option.value));
      const label = f.values?.[i];
      if (label === undefined) throw invalid(f, `must be one of its options: ${(f.values ?? []).map((l, n) => `{"id": "${n + 1}"} (${l})`).join(', ')}`);
      return { id: String(i + 1), value: label };
    }
  }
};

/** The organization a list of the Organizations field names, if any. */
const organizationOf = (f: CustomFieldRecord, v: unknown): string | undefined => {
  if (!Array.isArray(v) || v.length > 1) throw invalid(f, 'takes a list of one organization, as [{"id": …}]');
  if (v.length === 0) return undefined;
  const id = idOf(v[0]);
  if (!id) throw invalid(f, 'takes organizations as [{"id": …}]');
  return id;
};

/** `requireAll: false` for the email channel, which cannot give custom fields. */
export const customFieldValues = (
  requestType: Pick<RequestTypeRecord, 'fields'>,
  values: Record<string, unknown>,
  requireAll = true,
): { fieldValues: RequestFieldValue[]; organizationId?: string } => {
  const fields = requestType.fields ?? [];
  const unknown = Object.keys(values).filter((k) => !SYSTEM_FIELDS.has(k) && !fields.some((f) => f.fieldId === k));
  if (unknown.length > 0) {
    throw new BadRequest(`Not fields of this request type: ${unknown.join(', ')} (see …/requesttype/{id}/field)`, 'sd.request.error.field.unknown', unknown);
  }
  const fieldValues: RequestFieldValue[] = [];
  let organizationId = values.organizationId as string | undefined;
  for (const f of fields) {
    const v = values[f.fieldId];
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (f.required && requireAll) throw invalid(f, 'is required');
      continue;
    }
    if (f.type !== 'organizations') fieldValues.push({ fieldId: f.fieldId, label: f.name, value: valueOf(f, v) });
    else {
      const named = organizationOf(f, v);
      if (organizationId !== undefined && named !== organizationId) throw invalid(f, 'names another organization than organizationId');
      organizationId = named;
      if (named) fieldValues.push({ fieldId: f.fieldId, label: f.name, value: [{ id: named }] });
    }
  }
  return { fieldValues, ...(organizationId === undefined ? {} : { organizationId }) };
};

/**
 * What a follow-up takes over from its closed request, under what its input names: the values its request type still
 * takes, in the input format (fields it no longer declares, and values that no longer fit, such as a renamed select
 * option, are left out), and the organization it was shared with, unless the input names one.
 */
export const carriedOver = (
  requestType: Pick<RequestTypeRecord, 'fields'>,
  earlier: Pick<RequestRecord, 'fieldValues' | 'organizationId'>,
  input: { organizationId?: string | undefined; customFields?: Record<string, unknown> | undefined },
): { values: Record<string, unknown>; organizationId?: string } => {
  const values: Record<string, unknown> = {};
  const organizationField = requestType.fields?.find((f) => f.type === 'organizations');
  for (const f of requestType.fields ?? []) {
    const value = earlier.fieldValues?.find((e) => e.fieldId === f.fieldId)?.value;
    if (value === undefined || f === organizationField) continue;
    const given = typeof value === 'object' && !Array.isArray(value) ? { value: value.value } : value;
    try {
      valueOf(f, given);
      values[f.fieldId] = given;
    } catch {
      // No longer a value of this field.
    }
  }
  const named = input.organizationId !== undefined || (organizationField !== undefined && input.customFields?.[organizationField.fieldId] !== undefined);
  if (earlier.organizationId === undefined || named) return { values };
  if (organizationField) values[organizationField.fieldId] = [{ id: earlier.organizationId }];
  else values.organizationId = earlier.organizationId;
  return { values, organizationId: earlier.organizationId };
};

/** Custom field ids are unique within a request type; one Organizations field at most. */
export const requireValidFields = (fields: RequestTypeRecord['fields'] = []): void => {
  const ids = fields.map((f) => f.fieldId);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) throw new BadRequest(`Each field id may appear once: ${[...new Set(repeated)].join(', ')}`, 'sd.requesttype.error.fields', repeated);
  if (fields.filter((f) => f.type === 'organizations').length > 1) throw new BadRequest('A request type has one Organizations field at most', 'sd.requesttype.error.fields');
};
