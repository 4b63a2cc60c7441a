/**
 * The render loop of an app (portal, console): on every page change, learn the session once, draw the header,
 * re-arm the session's end, and draw the route's page; pages that need a session send a signed-out visitor to
 * sign-in with the page to come back to, and a 401 on the way does the same.
 */
import { h, type Child } from './dom';
import { ApiError } from './http';
import { match, type Route, type createRouter } from './router';
import { errorBox } from './ui';

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
  homeLink: [path: string, text: string];
}

export const startShell = ({ router, routes, loadSession, signedIn, navLinks, signOut, watch, whenEnded, show, homeLink }: Shell) => {
  const main = document.getElementById('main')!;
  const nav = document.getElementById('nav')!;

  const signOutAndLeave = async () => {
    await signOut();
    router.go('/signin');
  };

  /** The header: the app's links (the current page's marked for assistive technology) and Sign out, or Sign in. */
  const renderNav = () => {
    const links = signedIn() ? [...navLinks(), h('button', { type: 'button', onclick: () => void signOutAndLeave() }, 'Sign out')] : [router.link('/signin', 'Sign in')];
    const here = `${router.BASE}${router.currentPath()}`;
    for (const a of links) if (a instanceof HTMLAnchorElement && a.pathname.replace(/\/$/, '') === here.replace(/\/$/, '')) a.setAttribute('aria-current', 'page');
    nav.replaceChildren(...links.filter((l): l is HTMLElement => l !== null));
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
      else show('Page not found', h('p', {}, router.link(...homeLink)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        router.go(`/signin?ended=1&next=${encodeURIComponent(path + location.search)}`);
        return;
      }
      show('Something went wrong', errorBox(error));
    }
    main.focus({ preventScroll: true });
  };

  router.startRouter(render);
};
