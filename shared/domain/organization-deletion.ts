/**
 * Deleting an organization. At once: it stops existing for everyone (invisible, grants no access, its name and
 * domains are free). Then its memberships, desk links and properties are removed in chunks. Each is one item,
 * deleted whole, so no half-membership can remain; if time runs out, the next DELETE carries on where this stopped.
 */
import { ItemMissing, NotFound } from '#errors';
import { batchDelete } from '#store/batch';
import { groupPartition } from '#store/entities/membership';
import { organizationPropertiesPartition } from '#store/entities/organization-property';
import { beginDeletionItems, deleteOrganizationItem, getOrganization, organizationLinkKeys, partitionKeys } from '#store/organizations';
import { transactWrite } from '#store/transact';
import { auditItems } from './audit';
import type { Caller } from '#model/caller';

const CHUNK = 1000;
const PARALLEL_BATCHES = 8;

export interface DeletionProgress {
  done: boolean;
  removed: number;
}

const removeInParallel = async (keys: Awaited<ReturnType<typeof partitionKeys>>): Promise<void> => {
  const slice = Math.ceil(keys.length / PARALLEL_BATCHES);
  await Promise.all(Array.from({ length: PARALLEL_BATCHES }, (_, i) => batchDelete(keys.slice(i * slice, (i + 1) * slice))));
};

export const deleteOrganization = async (caller: Caller, id: string, deadline: number): Promise<DeletionProgress> => {
  const org = await getOrganization(id);
  if (!org) throw new NotFound('No organization with this id', 'sd.organization.error.not.found');
  if (org.state === 'active') {
    // Refused only when another DELETE marked it first (or it is gone).
    await transactWrite([...beginDeletionItems(org), ...auditItems(caller, 'organization.deleted', [{ type: 'organization', id }], { before: { name: org.name } })], {}, () =>
      new ItemMissing('No organization with this id', 'sd.organization.error.not.found'),
    );
  }
  let removed = 0;
  const sources = [
    () => partitionKeys(groupPartition({ kind: 'organizationMembers', organizationId: id }), CHUNK),
    () => organizationLinkKeys(id, CHUNK),
    () => partitionKeys(organizationPropertiesPartition(id), CHUNK),
  ];
  for (const next of sources) {
    for (let keys = await next(); keys.length > 0; keys = await next()) {
      if (Date.now() > deadline) return { done: false, removed };
      await removeInParallel(keys);
      removed += keys.length;
    }
  }
  await deleteOrganizationItem(id);
  return { done: true, removed };
};
