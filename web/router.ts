/**
 * Navigation of a single-page app served under a base path (/portal, /console): routes follow location.pathname
 * under it, so links in mails and in the API's answers open the right page. Links marked `data-link` change the page
 * without a reload; a modified click (new tab) is left to the browser. Each app makes its own router with its base.
 */
import { h, type Attrs } from './dom';

/** One row of an app's route table: a path (or a pattern whose groups are the page's arguments) and its page. */
export interface Route {
  path: string | RegExp;
  /** Pages anyone may open; the others send a signed-out visitor to sign-in first. */
  public?: boolean;
  page: (...params: string[]) => void | Promise<void>;
}

/** The page for a path and its arguments (decoded), or undefined. */
export const match = (table: Route[], path: string): { route: Route; params: string[] } | undefined => {
  for (const route of table) {
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, params: [] };
    } else {
      const m = route.path.exec(path);
      if (m) return { route, params: m.slice(1).map((p) => decodeURIComponent(p ?? '')) };
    }
  }
  return undefined;
};

export const createRouter = (base: string) => {
  let renderCurrent: () => Promise<void> = async () => undefined;

  const link = (href: string, text: string | Node, attrs: Attrs = {}) => h('a', { href: `${base}${href}`, 'data-link': true, ...attrs }, text);

  const go = (path: string) => {
    history.pushState(null, '', `${base}${path}`);
    void renderCurrent();
  };

  /** The app's own path: '/requests' for <base>/requests/. */
  const currentPath = (): string =>
    location.pathname.startsWith(base) ? location.pathname.slice(base.length).replace(/\/+$/, '') || '/' : '/';

  /** Starts the app: `render` draws the current path; it runs now, on every in-app link and on back/forward. */
  const startRouter = (render: () => Promise<void>) => {
    renderCurrent = render;
    document.addEventListener('click', (event) => {
      const a = (event.target as Element | null)?.closest?.('a[data-link]');
      const mouse = event as MouseEvent;
      if (!a || event.defaultPrevented || mouse.button !== 0 || mouse.metaKey || mouse.ctrlKey || mouse.shiftKey) return;
      event.preventDefault();
      history.pushState(null, '', (a as HTMLAnchorElement).href);
      void render();
    });
    window.addEventListener('popstate', () => void render());
    void render();
  };

  return { BASE: base, link, go, currentPath, startRouter };
};
