/** How values read to a customer: statuses as chips in plain words (in the portal's language); times as the shared front end says them. */
import { statusChip as chip } from '../../web/status';
import { t, type MessageKey } from './i18n';

export { clockTime, localTime, relativeTime, timeAgo } from '../../web/time';

/** JSM's statuses as a customer would say them. */
const STATUS_WORDS: Record<string, MessageKey> = {
  'Waiting for customer': 'statusWaitingForYou',
  'Waiting for support': 'statusWithSupport',
  Resolved: 'statusResolved',
  Closed: 'statusClosed',
};

export const statusText = (status: string): string => {
  const key = STATUS_WORDS[status];
  return key ? t(key) : status;
};

export const statusChip = (status: string): HTMLElement => chip(status, statusText(status));
