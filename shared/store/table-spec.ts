/**
 * The physical shape of the single table: read by CDK (infra/), by the local runtime that creates the
 * table in DynamoDB Local, and by the store. A leaf module: constants only, no AWS SDK.
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
  /** Inverted index: relationship items copy (sk, pk) into (gsi1pk, gsi1sk), so either side can be queried. Sparse. */
  inverted: { name: 'GSI1', partition: 'gsi1pk', sort: 'gsi1sk', purpose: 'inverted relationships' },
  /** Directory listing: every account once, sorted by lower-cased email. */
  directory: { name: 'GSI2', partition: 'gsi2pk', sort: 'gsi2sk', purpose: 'directory by email' },
  /** Directory search: one entry per searchable term (email and display name), for prefix search on either. Sparse. */
  search: { name: 'GSI3', partition: 'gsi3pk', sort: 'gsi3sk', purpose: 'directory prefix search' },
} as const satisfies Record<string, IndexSpec>;

export type IndexName = keyof typeof INDEXES;
export const ALL_INDEXES: readonly IndexSpec[] = Object.values(INDEXES);
