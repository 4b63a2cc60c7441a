/** Request type: on its desk's partition, with the custom fields it declares (summary and description every type has). */
import * as z from 'zod/mini';
import { CUSTOM_FIELD_TYPES } from '#model/vocabulary';
import { reader, sortableId, type Keys } from './item';

/** A custom field. `organizations` is JSM's Organizations field: its value shares the request with an organization. */
export const customFieldSchema = z.object({
  fieldId: z.string(),
  name: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  required: z.boolean(),
  description: z.string(),
  /** A select's options, in order; an option's id is its position from 1. */
  values: z.optional(z.array(z.string())),
});
export type CustomFieldRecord = z.infer<typeof customFieldSchema>;

export const requestTypeSchema = z.object({
  id: z.string(),
  serviceDeskId: z.string(),
  name: z.string(),
  description: z.string(),
  helpText: z.string(),
  fields: z.optional(z.array(customFieldSchema)),
  createdAt: z.string(),
});
export type RequestTypeRecord = z.infer<typeof requestTypeSchema>;
export const toRequestType = reader(requestTypeSchema);

export const REQUEST_TYPE_SORT_PREFIX = 'REQUESTTYPE#';
export const requestTypeKeys = (deskId: string, id: string): Keys => ({ pk: `DESK#${deskId}`, sk: `${REQUEST_TYPE_SORT_PREFIX}${sortableId(id)}` });
export const requestTypeItem = (rt: RequestTypeRecord) => ({ ...requestTypeKeys(rt.serviceDeskId, rt.id), entity: 'requestType', ...rt });
