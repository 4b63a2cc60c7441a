/** The open desks (any customer may use them): read by every access decision, remembered for the warm window. */
import { queryOpenDesks } from '#store/desks';
import { rememberedRead } from './warm-memory';

const memory = rememberedRead(queryOpenDesks);

export const openDesks = () => memory.get();
/** A desk was created or its access changed here: the next decision reads the open desks again. */
export const forgetOpenDesks = (): void => memory.forget();
