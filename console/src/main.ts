/**
 * The staff console: a single-page app with no framework, served under /console/ beside the portal and calling the
 * same API on the same origin, in a staff session kept in an HttpOnly cookie (api.ts). Pages live in pages/, the route
 * table in routes.ts; the render loop, forms and styles are the front end's shared module (web/). The header shows
 * what the signed-in role may open; the API decides the rest.
 */
import '../../web/style.css';
import './console.css';
import { h } from '../../web/dom';
import { startShell } from '../../web/app-shell';
import * as api from './api';
import * as router from './router';
import { routes } from './routes';
import * as watch from './session-watch';
import { show } from './ui';

const nav = document.getElementById('nav')!;
const { go, link } = router;

const signOut = async () => {
  await api.signOut();
  go('/signin');
};

/** The header's links; the current page's is marked for assistive technology. */
const renderNav = () => {
  const staff = api.me();
  const links = staff
    ? [
        link('/', 'Desks'),
        staff.role === 'admin' ? link('/customers', 'Customers') : null,
        link('/organizations', 'Organizations'),
        link('/invitations', 'Invitations'),
        staff.role === 'admin' ? link('/mail', 'Mail log') : null,
        link('/account', 'My account'),
        h('button', { type: 'button', onclick: () => void signOut() }, 'Sign out'),
      ]
    : [link('/signin', 'Sign in')];
  const here = `${router.BASE}${router.currentPath()}`;
  for (const a of links) if (a instanceof HTMLAnchorElement && a.pathname === here) a.setAttribute('aria-current', 'page');
  nav.replaceChildren(...links.filter((l): l is HTMLElement => l !== null));
};

startShell({
  router,
  routes,
  loadSession: api.loadSession,
  signedIn: () => api.session.current() !== null,
  renderNav,
  watch,
  whenEnded: api.session.whenEnded,
  show,
  homeLink: ['/', 'Back to the desks'],
});
