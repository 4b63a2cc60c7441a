/**
 * Navigation: routes follow location.pathname under /portal, so the links in the mails (PORTAL_URL/invitation/accept,
 * PORTAL_URL/password/reset) and the API's request links (PORTAL_URL/request/KEY) open the right page. Links marked
 * `data-link` change the page without a reload; a modified click (new tab) is left to the browser.
 */
import { h, type Attrs } from './dom';

export const BASE = '/portal';

/** One row of the route table: a path (or a pattern whose groups are the page's arguments) and its page. */
export interface Route {
  path: string | RegExp;
  /** Pages anyone may open; the others send a signed-out visitor to sign-in first. */
  public?: boolean;
  page: (...params: string[]) => void | Promise<void>;
}

let renderCurrent: () => Promise<void> = async () => undefined;

export const link = (href: string, text: string, attrs: Attrs = {}) => h('a', { href: `${BASE}${href}`, 'data-link': true, ...attrs }, text);

export const go = (path: string) => {
  history.pushState(null, '', `${BASE}${path}`);
  void renderCurrent();
};

/** The app's own path: '/requests' for /portal/requests/. */
export const currentPath = (): string =>
  location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length).replace(/\/+$/, '') || '/' : '/';

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

/** Starts the app: `render` draws the current path; it runs now, on every in-app link and on back/forward. */
export const startRouter = (render: () => Promise<void>) => {
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
