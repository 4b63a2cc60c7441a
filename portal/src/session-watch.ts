/**
 * Watching the session's end: a warning WARN_BEFORE_MS before it, and when it comes (or a call finds the session over
 * sooner: signed out elsewhere, suspended) an explanation in place, with a link back in. What is on the page stays,
 * so a reply being written is not lost.
 */
import { session } from './api';
import { h } from './dom';
import { BASE, currentPath } from './router';

const WARN_BEFORE_MS = 5 * 60_000;
/** setTimeout's longest delay (about 24.8 days); a longer session is re-armed on a later page change. */
const MAX_DELAY = 2 ** 31 - 1;

const banner = document.getElementById('session-banner')!;
let timers: number[] = [];

const clockTime = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

const signInAgain = () =>
  h('a', { href: `${BASE}/signin?next=${encodeURIComponent(currentPath() + location.search)}` }, 'Sign in again');

const warn = (expiresAt: string) =>
  banner.replaceChildren(
    h(
      'div',
      { class: 'warning', role: 'alert' },
      `Your session ends at ${clockTime(expiresAt)}, in less than 5 minutes. Send what you are writing before then, or `,
      signInAgain(),
      ' to start a new session.',
    ),
  );

/** The session is over: say so, and let the page re-draw its header. */
export const explainEnded = () => {
  for (const t of timers) clearTimeout(t);
  timers = [];
  banner.replaceChildren(
    h('div', { class: 'error', role: 'alert' }, 'Your session has ended, so the help center no longer knows you. What you typed is still here: ', signInAgain(), ' to go on.'),
  );
};

/** On every page change: clears the banner, and (re)arms the warning and the end of the current session. */
export const watchSession = (onEnd: () => void) => {
  for (const t of timers) clearTimeout(t);
  timers = [];
  banner.replaceChildren();
  const current = session.current();
  if (!current) return;
  const left = Date.parse(current.expiresAt) - Date.now();
  if (left - WARN_BEFORE_MS < MAX_DELAY) timers.push(window.setTimeout(() => warn(current.expiresAt), Math.max(0, left - WARN_BEFORE_MS)));
  if (left < MAX_DELAY) timers.push(window.setTimeout(() => (session.forget(), onEnd()), Math.max(0, left)));
};
