/**
 * A desk with its request types, as every new request reads them: one Query of the desk's partition, remembered
 * per desk for the warm window (warm-memory.ts) and forgotten here at once when the desk or one of its types
 * changes. A desk that does not exist is never remembered, so a desk created elsewhere is found at once.
 */
import { queryDeskWithRequestTypes } from '#store/desks';
import { rememberedRead, setBounded, type RememberedRead } from './warm-memory';

type DeskConfig = NonNullable<Awaited<ReturnType<typeof queryDeskWithRequestTypes>>>;

const MAX_DESKS = 1_000;
const memories = new Map<string, RememberedRead<DeskConfig>>();

class NoSuchDesk extends Error {}

const memoryOf = (deskId: string): RememberedRead<DeskConfig> => {
  const known = memories.get(deskId);
  if (known) return known;
  const memory = rememberedRead(async () => {
    const config = await queryDeskWithRequestTypes(deskId);
    if (!config) throw new NoSuchDesk();
    return config;
  });
  return setBounded(memories, deskId, memory, MAX_DESKS);
};

export const deskConfig = async (deskId: string): Promise<DeskConfig | undefined> => {
  try {
    return await memoryOf(deskId).get();
  } catch (error) {
    if (error instanceof NoSuchDesk) return undefined;
    throw error;
  }
};

/** The desk's configuration if this function holds it now (no read), else undefined. */
export const peekDeskConfig = (deskId: string): DeskConfig | undefined => memories.get(deskId)?.peek();

export const forgetDeskConfig = (deskId: string): void => {
  memories.get(deskId)?.forget();
};
