/** How values read to a customer: statuses as chips in plain words; times as the shared front end says them. */
import { statusChip as chip } from '../../web/status';

export { localTime, relativeTime, timeAgo } from '../../web/time';

/** JSM's statuses as a customer would say them. */
const STATUS_WORDS: Record<string, string> = {
  'Waiting for customer': 'Waiting for you',
  'Waiting for support': 'With the help desk',
};

export const statusText = (status: string): string => STATUS_WORDS[status] ?? status;

export const statusChip = (status: string): HTMLElement => chip(status, statusText(status));
