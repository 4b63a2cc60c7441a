/**
 * Desk-organization link: one item per link on the desk's side, inverted on the relations index for the
 * organization's side. The organization item also lists the desk (organization.ts `desks`), in the same transaction.
 */
import * as z from 'zod/mini';
import { reader, sortableId, type Keys } from './item';

export const deskOrganizationLinkSchema = z.object({ deskId: z.string(), organizationId: z.string() });
export type DeskOrganizationLink = z.infer<typeof deskOrganizationLinkSchema>;
export const toDeskOrganizationLink = reader(deskOrganizationLinkSchema);

export const deskOrganizationsPartition = (deskId: string): string => `DESK#${deskId}#ORGS`;
export const organizationDesksPartition = (organizationId: string): string => `ORG#${organizationId}`;
export const deskOrganizationLinkKeys = (deskId: string, organizationId: string): Keys => ({
  pk: deskOrganizationsPartition(deskId),
  sk: `ORG#${sortableId(organizationId)}`,
});
export const deskOrganizationLinkIndexAttributes = (deskId: string, organizationId: string) => ({
  relationPk: organizationDesksPartition(organizationId),
  relationSk: deskOrganizationsPartition(deskId),
});
export const deskOrganizationLinkItem = ({ deskId, organizationId }: DeskOrganizationLink) => ({
  ...deskOrganizationLinkKeys(deskId, organizationId),
  entity: 'deskOrganizationLink',
  deskId,
  organizationId,
  ...deskOrganizationLinkIndexAttributes(deskId, organizationId),
});
