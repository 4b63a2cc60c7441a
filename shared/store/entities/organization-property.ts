/** Organization property: key -> JSON value (at most 32 KB), one item each on the organization's properties partition. */
import * as z from 'zod/mini';
import { reader, type Keys } from './item';

export const organizationPropertySchema = z.object({
  propertyKey: z.string(),
  /** The value as JSON text (any JSON value, null included, stored as written). */
  json: z.string(),
});
export type OrganizationProperty = z.infer<typeof organizationPropertySchema>;
export const toOrganizationProperty = reader(organizationPropertySchema);
/** A property's key alone, as a Query of the keys projects it. */
export const toPropertyKey = reader(z.pick(organizationPropertySchema, { propertyKey: true }));

export const organizationPropertiesPartition = (organizationId: string): string => `ORG#${organizationId}#PROPERTIES`;
export const organizationPropertyKeys = (organizationId: string, key: string): Keys => ({ pk: organizationPropertiesPartition(organizationId), sk: `PROPERTY#${key}` });
export const organizationPropertyItem = (organizationId: string, p: OrganizationProperty) => ({
  ...organizationPropertyKeys(organizationId, p.propertyKey),
  entity: 'organizationProperty',
  ...p,
});
