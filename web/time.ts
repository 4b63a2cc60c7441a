/** Times as people read them: in the browser's zone, and relative to now ("2 hours ago"). */
import { h } from './dom';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** "2 hours ago", "yesterday", "just now". */
export const relativeTime = (iso: string, now = Date.now()): string => {
  const seconds = (Date.parse(iso) - now) / 1000;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'long' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
};

/** The full date and time in the browser's own zone. */
export const localTime = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A <time> that reads relative ("3 hours ago") and tells the exact local time on hover and to assistive technology. */
export const timeAgo = (iso: string): HTMLElement => h('time', { datetime: iso, title: localTime(iso) }, relativeTime(iso));
