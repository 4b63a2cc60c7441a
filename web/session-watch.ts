/**
 * Watching the session's end: a warning WARN_BEFORE_MS before it, and when it comes (or a call finds the session over
 * sooner: signed out elsewhere, suspended) an explanation in place, with a link back in. What is on the page stays,
 * so a reply being written is not lost. The app's index.html has `#session-banner`.
 */
import { h } from './dom';
import type { KnownSession } from './http';

const WARN_BEFORE_MS = 5 * 60_000;
/** setTimeout's longest delay (about 24.8 days); a longer session is re-armed on a later page change. */
const MAX_DELAY = 2 ** 31 - 1;

const clockTime = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

interface WatchedApp {
  /** What the app is called in "... so the help center no longer knows you". */
  appName: string;
  session: { current(): KnownSession | null; forget(): void };
  /** The sign-in page that brings the visitor back here. */
  signInHref: () => string;
}

export const sessionWatch = ({ appName, session, signInHref }: WatchedApp) => {
  const banner = document.getElementById('session-banner')!;
  let timers: number[] = [];
  const signInAgain = () => h('a', { href: signInHref() }, 'Sign in again');

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
  const explainEnded = () => {
    for (const t of timers) clearTimeout(t);
    timers = [];
    banner.replaceChildren(
      h('div', { class: 'error', role: 'alert' }, `Your session has ended, so the ${appName} no longer knows you. What you typed is still here: `, signInAgain(), ' to go on.'),
    );
  };

  /** On every page change: clears the banner, and (re)arms the warning and the end of the current session. */
  const watchSession = (onEnd: () => void) => {
    for (const t of timers) clearTimeout(t);
    timers = [];
    banner.replaceChildren();
    const current = session.current();
    if (!current) return;
    const left = Date.parse(current.expiresAt) - Date.now();
    if (left - WARN_BEFORE_MS < MAX_DELAY) timers.push(window.setTimeout(() => warn(current.expiresAt), Math.max(0, left - WARN_BEFORE_MS)));
    if (left < MAX_DELAY) timers.push(window.setTimeout(() => (session.forget(), onEnd()), Math.max(0, left)));
  };

  return { watchSession, explainEnded };
};
