/** Who is calling: resolved once at the edge, passed to every domain function that checks permissions. */
import type { StaffRole } from './vocabulary';

/**
 * The signed-in customer's account as the edge read it, so that nothing reads it again in the same call. Its
 * fields are the account entity's (shared/store/entities/account.ts), which fills this declaration in: the model
 * stays a leaf and the type stays the entity's one.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CallerAccount {}

export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string }
  /** `session`: the console session the staff member came with (none with an API token). */
  | { kind: 'staff'; accountId: string; role: StaffRole; email: string; session?: CallerSession }
  /** `session`: the portal session the customer came with (`viaCookie`: the portal's cookie, not a Bearer header). */
  | { kind: 'customer'; accountId: string; email: string; account?: CallerAccount; session?: CallerSession };

/** The browser session a caller came with. */
export interface CallerSession {
  id: string;
  expiresAt: string;
  persistent: boolean;
  viaCookie: boolean;
}

export const actorId = (caller: Caller): string =>
  caller.kind === 'anonymous' ? 'anonymous' : caller.kind === 'system' ? `system:${caller.name}` : caller.accountId;

export const isAdmin = (caller: Caller): boolean => caller.kind === 'staff' && caller.role === 'admin';
