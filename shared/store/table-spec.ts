/**
 * The physical shape of the single table: read by CDK (infra/), by the local runtime that creates the
 * table in DynamoDB Local, and by the store. A leaf module: constants only, no AWS SDK.
 *
 * Three overloaded global secondary indexes, each named for the lists it holds. Every entity module in
 * `entities/` says which of its items carry which index attributes.
 */
export const TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexSpec {
  readonly name: string;
  readonly partition: string;
  readonly sort: string;
  readonly purpose: string;
}

export const INDEXES = {
  /**
   * Items seen from the other end of their relationship: an account's memberships and invitations, an organization's
   * desk links, a reporter's and a participant's requests, the accounts at an email domain. Sparse.
   */
  relations: { name: 'relations', partition: 'relationPk', sort: 'relationSk', purpose: 'items by the other end of their relationship' },
  /** Every item of one kind in order: the directory by email, desks, organizations, invitations by status, a desk's requests, the mail log. */
  lists: { name: 'lists', partition: 'listPk', sort: 'listSk', purpose: 'whole lists of one kind, in order' },
  /**
   * A selection of the items of one kind, in order: directory search entries, open desks, pending invitations by
   * expiry, expired invitations due a check, an organization's shared requests. Sparse.
   */
  selections: { name: 'selections', partition: 'selectionPk', sort: 'selectionSk', purpose: 'selected items of one kind (search, open, pending, shared)' },
} as const satisfies Record<string, IndexSpec>;

export type IndexName = keyof typeof INDEXES;
export const ALL_INDEXES: readonly IndexSpec[] = Object.values(INDEXES);
