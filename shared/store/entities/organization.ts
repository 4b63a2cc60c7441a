/**
 * Organization: a site-wide group of customers. The item keeps the desks it is linked to, so effective access needs
 * no Query per organization; claims keep its name and its email domains unique.
 */
import * as z from 'zod/mini';
import { searchTerm } from '#model/email';
import { reader, sortableId, type Keys } from './item';

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Desks this organization is linked to (id -> project key). */
  desks: z.record(z.string(), z.string()),
  domains: z.array(z.string()),
  /** `deleting` while its memberships and links are being removed in chunks: invisible and grants nothing. */
  state: z.enum(['active', 'deleting']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrganizationRecord = z.infer<typeof organizationSchema>;
export const toOrganization = reader(organizationSchema);

export const organizationKeys = (id: string): Keys => ({ pk: `ORG#${id}`, sk: 'ORG' });
export const ORGS_PARTITION = 'ORGS';
/** Where an organization's list entry moves while it is being deleted (for a sweeper to resume). */
export const ORGS_BEING_DELETED_PARTITION = 'ORGS#DELETING';
export const organizationListAttributes = (id: string) => ({ listPk: ORGS_PARTITION, listSk: sortableId(id) });
export const organizationItem = (org: OrganizationRecord) => ({ ...organizationKeys(org.id), entity: 'organization', ...org, ...organizationListAttributes(org.id) });

// ---- Claims: the name and each email domain belong to one organization ---------------------------
const organizationClaimSchema = z.object({ organizationId: z.string() });
export const toOrganizationClaim = reader(organizationClaimSchema);

export const organizationNameClaimKeys = (name: string): Keys => ({ pk: `ORGNAME#${searchTerm(name)}`, sk: 'ORGNAME' });
export const organizationNameClaimItem = (name: string, organizationId: string) => ({ ...organizationNameClaimKeys(name), entity: 'organizationNameClaim', organizationId });

export const domainClaimKeys = (domain: string): Keys => ({ pk: `DOMAIN#${domain.trim().toLowerCase()}`, sk: 'DOMAIN' });
export const domainClaimItem = (domain: string, organizationId: string) => ({ ...domainClaimKeys(domain), entity: 'domainClaim', domain, organizationId });
