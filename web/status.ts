/** A request's status as a chip, coloured by who has to act (the customer, the help desk, nobody). */
import { h } from './dom';

const TONES: Record<string, string> = {
  'Waiting for customer': 'you',
  'Waiting for support': 'support',
  Resolved: 'done',
  Closed: 'closed',
};

/** The chip of a JSM status; `text` is how the app says it (the portal says it in the customer's words). */
export const statusChip = (status: string, text = status): HTMLElement => h('span', { class: `chip chip-${TONES[status] ?? 'support'}` }, text);
