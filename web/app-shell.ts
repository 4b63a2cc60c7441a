/**
 * The render loop of an app (portal, console): on every page change, learn the session once, draw the header,
 * re-arm the session's end, and draw the route's page; pages that need a session send a signed-out visitor to
 * sign-in with the page to come back to, and a 401 on the way does the same. After the first page, every page change
 * focuses the new page's heading and announces it (web/ui.ts); the skip link moves there without a reload.
 */
import { h, type Child } from './dom';
import { ApiError } from './http';
import { match, type Route, type createRouter } from './router';
import { errorBox, focusHeading, settle } from './ui';
import { words } from './words';

interface Shell {
  router: ReturnType<typeof createRouter>;
  routes: Route[];
  /** Learns the session from its cookie (once per tab load). */
  loadSession(): Promise<unknown>;
  signedIn(): boolean;
  /** The header's links for a signed-in visitor (a Sign out button follows them). */
  navLinks(): (HTMLElement | null)[];
  /** Ends the session on the server. */
  signOut(): Promise<void>;
  watch: { watchSession(onEnd: () => void): void; explainEnded(): void };
  /** Registers the listener for a session found over by a call. */
  whenEnded(listener: () => void): void;
  show(title: string, ...content: (Child | Child[])[]): void;
  /** The link shown on a page that does not exist. */
  homeLink: [path: string, text: string] | (() => [path: string, text: string]);
  /** What the header ends with, signed in or not (the portal's language switch). */
  headerExtras?: () => HTMLElement[];
}

/** Starts the app; answers `render`, which draws the current page again (after a change of language, say). */
export const startShell = ({ router, routes, loadSession, signedIn, navLinks, signOut, watch, whenEnded, show, homeLink, headerExtras }: Shell) => {
  const nav = document.getElementById('nav')!;
  // The skip link moves the focus to the page's heading without changing the address (so nothing reloads).
  document.querySelector('.skip')?.addEventListener('click', (event) => {
    event.preventDefault();
    focusHeading();
  });

  const signOutAndLeave = async () => {
    await signOut();
    router.go('/signin');
  };

  /** The header: the app's links (the current page's marked for assistive technology) and Sign out, or Sign in. */
  const renderNav = () => {
    const links = signedIn() ? [...navLinks(), h('button', { type: 'button', onclick: () => void signOutAndLeave() }, words.signOut)] : [router.link('/signin', words.signIn)];
    const here = `${router.BASE}${router.currentPath()}`;
    for (const a of links) if (a instanceof HTMLAnchorElement && a.pathname.replace(/\/$/, '') === here.replace(/\/$/, '')) a.setAttribute('aria-current', 'page');
    nav.replaceChildren(...links.filter((l): l is HTMLElement => l !== null), ...(headerExtras?.() ?? []));
  };

  const sessionEnded = () => {
    renderNav();
    watch.explainEnded();
  };
  whenEnded(sessionEnded);
  let sessionLoaded = false;

  const render = async (): Promise<void> => {
    const path = router.currentPath();
    try {
      const found = match(routes, path);
      if (!sessionLoaded) {
        // A public page (sign-in, a mailed link) opens signed out even when the session cannot be learned now.
        sessionLoaded = await loadSession().then(
          () => true,
          (error: unknown) => {
            if (found?.route.public) return false;
            throw error;
          },
        );
      }
      renderNav();
      watch.watchSession(sessionEnded);
      if (found && !found.route.public && !signedIn()) {
        router.go(`/signin?next=${encodeURIComponent(path + location.search)}`);
        return;
      }
      if (found) await found.route.page(...found.params);
      else show(words.pageNotFound, h('p', {}, router.link(...(typeof homeLink === 'function' ? homeLink() : homeLink))));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        router.go(`/signin?ended=1&next=${encodeURIComponent(path + location.search)}`);
        return;
      }
      show(words.somethingWentWrong, errorBox(error));
    }
    settle();
  };

  router.startRouter(render);
  return { render };
};
