/**
 * The table checker: every invariant the store modules describe, run over one snapshot of the table. Reading the
 * table (a Scan, page by page at a bounded rate) is the admin tool's job (scripts/verify-table.ts); this module only
 * judges what it is given, so the test suite can run the same checks.
 */
import { invariants as accountInvariants } from './accounts';
import { invariants as attachmentInvariants } from './attachments';
import { invariants as identityProviderInvariants } from './identity-providers';
import type { Breach, Invariant, TableSnapshot } from './invariant';
import type { Keys } from './entities/item';
import { invariants as invitationInvariants } from './invitations';
import { invariants as mailLogInvariants } from './mail-log';
import { invariants as membershipInvariants } from './memberships';
import { invariants as organizationInvariants } from './organizations';
import type { Item } from './entities/item';
import { invariants as requestInvariants } from './requests';
import { invariants as sessionInvariants } from './sessions';

export const ALL_INVARIANTS: readonly Invariant[] = [
  ...accountInvariants,
  ...membershipInvariants,
  ...organizationInvariants,
  ...invitationInvariants,
  ...requestInvariants,
  ...mailLogInvariants,
  ...attachmentInvariants,
  ...sessionInvariants,
  ...identityProviderInvariants,
];

export type Finding = Breach & { invariant: string; rule: string };

const keyOf = (k: Keys) => `${k.pk}\u0000${k.sk}`;

export const snapshotOf = (items: Item[]): TableSnapshot => {
  const byKey = new Map<string, Item>();
  const byEntity = new Map<string, Item[]>();
  for (const item of items) {
    byKey.set(keyOf({ pk: String(item.pk), sk: String(item.sk) }), item);
    const entity = String(item.entity ?? '');
    const list = byEntity.get(entity);
    if (list) list.push(item);
    else byEntity.set(entity, [item]);
  }
  return { of: (entity) => byEntity.get(entity) ?? [], get: (keys) => byKey.get(keyOf(keys)) };
};

/** Every breach of every invariant; empty when the table is consistent. */
export const checkTable = (items: Item[], now = new Date()): Finding[] => {
  const table = snapshotOf(items);
  return ALL_INVARIANTS.flatMap((inv) => inv.check(table, now).map((b) => ({ ...b, invariant: inv.name, rule: inv.rule })));
};
