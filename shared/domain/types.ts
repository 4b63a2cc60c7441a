/** The domain's vocabulary (DESIGN.md section 1). */
import type { AccountRecord } from '#store/keys';

export const ACCOUNT_TYPES = ['portal', 'site'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ACCOUNT_STATUSES = ['invited', 'active', 'suspended', 'anonymized'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const STAFF_ROLES = ['agent', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling: resolved once at the edge, passed to every domain function that checks permissions. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string }
  | { kind: 'staff'; accountId: string; role: StaffRole; email: string }
  /**
   * `account`: as read when the session was checked, so that nothing reads it again in the same call; `session`: the
   * portal session it came with (`viaCookie`: the portal's cookie rather than a Bearer header).
   */
  | { kind: 'customer'; accountId: string; email: string; account?: AccountRecord; session?: CustomerSession };

export interface CustomerSession {
  id: string;
  expiresAt: string;
  persistent: boolean;
  viaCookie: boolean;
}

export const actorId = (caller: Caller): string =>
  caller.kind === 'anonymous' ? 'anonymous' : caller.kind === 'system' ? `system:${caller.name}` : caller.accountId;

export const isAdmin = (caller: Caller): boolean => caller.kind === 'staff' && caller.role === 'admin';

/** The kinds of custom field a request type may declare (`organizations`: JSM's Organizations field). */
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'organizations'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
