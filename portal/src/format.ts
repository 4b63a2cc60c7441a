/** How values read to a customer: statuses as chips in plain words, times in the browser's zone and relative to now. */
import { h } from './dom';
import { currentLanguage, t, type MessageKey } from './i18n';

/** JSM's statuses as a customer would say them, and the chip's colour (by what the customer has to do). */
const STATUS_WORDS: Record<string, { text: MessageKey; tone: string }> = {
  'Waiting for customer': { text: 'statusWaitingForYou', tone: 'you' },
  'Waiting for support': { text: 'statusWithSupport', tone: 'support' },
  Resolved: { text: 'statusResolved', tone: 'done' },
  Closed: { text: 'statusClosed', tone: 'closed' },
};

export const statusText = (status: string): string => {
  const words = STATUS_WORDS[status];
  return words ? t(words.text) : status;
};

export const statusChip = (status: string): HTMLElement => h('span', { class: `chip chip-${STATUS_WORDS[status]?.tone ?? 'support'}` }, statusText(status));

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** "2 hours ago", "yesterday", "just now" (in the portal's language). */
export const relativeTime = (iso: string, now = Date.now()): string => {
  const seconds = (Date.parse(iso) - now) / 1000;
  const format = new Intl.RelativeTimeFormat(currentLanguage(), { numeric: 'auto', style: 'long' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
};

/** The full date and time in the browser's own zone (the zone named, so nobody guesses). */
export const localTime = (iso: string): string =>
  new Date(iso).toLocaleString(currentLanguage(), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });

/** A <time> that reads relative ("3 hours ago") and tells the exact local time on hover and to assistive technology. */
export const timeAgo = (iso: string): HTMLElement => h('time', { datetime: iso, title: localTime(iso), 'aria-label': `${relativeTime(iso)} (${localTime(iso)})` }, relativeTime(iso));

/** The clock time in the browser's zone ("14:05"). */
export const clockTime = (iso: string) => new Date(iso).toLocaleTimeString(currentLanguage(), { hour: '2-digit', minute: '2-digit' });
