/**
 * Counter: numeric ids, as JSM sends them ("1", "42"). One item per sequence, moved by an atomic ADD; no counter is
 * moved by every create on the site (requests are numbered per desk, comments per request).
 */
import * as z from 'zod/mini';
import type { Keys } from './item';

export const counterSchema = z.object({ value: z.number() });

export type CounterName = 'servicedesk' | 'organization' | 'requesttype' | `requests#${string}` | `comments#${string}`;
export const counterKeys = (name: CounterName): Keys => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' });
export const COUNTER_ENTITY = 'counter';

export const deskRequestCounter = (deskId: string): `requests#${string}` => `requests#${deskId}`;
/** A request's comments are numbered by its own counter: in the order they were made, and no item moves for every comment. */
export const requestCommentCounter = (issueId: string): `comments#${string}` => `comments#${issueId}`;
