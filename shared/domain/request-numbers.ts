/**
 * A desk's request numbers, leased in blocks under a burst (the hi/lo pattern): one atomic ADD on the desk's counter
 * hands this function a block, and the creates that follow take numbers from it without a round trip. Every number
 * is handed out once, so keys stay unique; what a lease does not use is a gap (README: "Request numbers").
 *
 * The block follows demand: it doubles while each block is used up within BURST_MS of being taken and halves when it
 * is not, up to MAX_BLOCK. A desk raising a request now and then takes one number at a time, in creation order. A
 * lease lives as long as warm memory (WARM_MEMORY_SECONDS; 0 turns leasing off, as the bench does to meter each call),
 * so numbers from warm functions running side by side interleave only within that window.
 */
import { takeIds } from '#store/counters';
import { deskRequestCounter } from '#store/entities/counter';
import { WARM_MEMORY_MS, setBounded } from './warm-memory';

export const MAX_BLOCK = 32;
const BURST_MS = 1000;
const MAX_DESKS = 1000;

interface Lease {
  next: number;
  last: number;
  takenAt: number;
}

interface DeskLeases {
  /** Blocks are taken one at a time and only when the last is used up or expired, so one lease at most is live. */
  lease?: Lease | undefined;
  block: number;
  lastTakenAt: number;
  /** The block being taken, which callers arriving meanwhile wait for instead of taking blocks of their own. */
  taking?: Promise<number> | undefined;
}

const desks = new Map<string, DeskLeases>();

const stateOf = (deskId: string): DeskLeases =>
  desks.get(deskId) ?? setBounded(desks, deskId, { block: 1, lastTakenAt: Number.NEGATIVE_INFINITY }, MAX_DESKS);

/** A number from a live lease, if one holds any. */
const fromLease = (state: DeskLeases, now: number): number | undefined => {
  const { lease } = state;
  return lease && lease.next <= lease.last && now - lease.takenAt < WARM_MEMORY_MS ? lease.next++ : undefined;
};

/** The block to take now: the previous one was used up within BURST_MS, so twice as large; otherwise half. */
const nextBlock = (state: DeskLeases, now: number): number => {
  if (WARM_MEMORY_MS <= 0) return 1;
  return now - state.lastTakenAt < BURST_MS ? Math.min(state.block * 2, MAX_BLOCK) : Math.max(1, Math.floor(state.block / 2));
};

const takeBlock = async (deskId: string, state: DeskLeases): Promise<number> => {
  const takenAt = Date.now();
  const block = nextBlock(state, takenAt);
  const { first, last } = await takeIds(deskRequestCounter(deskId), block);
  state.block = block;
  state.lastTakenAt = takenAt;
  state.lease = last > first && WARM_MEMORY_MS > 0 ? { next: first + 1, last, takenAt } : undefined;
  return first;
};

export const nextRequestNumber = async (deskId: string): Promise<number> => {
  const state = stateOf(deskId);
  for (;;) {
    const leased = fromLease(state, Date.now());
    if (leased !== undefined) return leased;
    if (!state.taking) {
      state.taking = takeBlock(deskId, state);
      try {
        return await state.taking;
      } finally {
        state.taking = undefined;
      }
    }
    // Another create is taking a block: wait for it, then take a number from it (or a block, if it is used up).
    await state.taking.catch(() => undefined);
  }
};

/** Forgets every lease (tests): the numbers left in them become gaps. */
export const forgetRequestNumberLeases = (): void => desks.clear();
