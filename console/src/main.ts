/**
 * The staff console: a single-page app with no framework, served under /console/ beside the portal and calling the
 * same API on the same origin, in a staff session kept in an HttpOnly cookie (api.ts). Pages live in pages/, the route
 * table in routes.ts; the render loop, forms and styles are the front end's shared module (web/). The header shows
 * what the signed-in role may open; the API decides the rest.
 */
import '../../web/style.css';
import './console.css';
import { startShell } from '../../web/app-shell';
import * as api from './api';
import * as router from './router';
import { routes } from './routes';
import * as watch from './session-watch';
import { show } from './ui';

const { link } = router;

/** What the signed-in role may open; the API refuses the rest all the same. */
const navLinks = () => {
  const admin = api.isAdmin();
  return [
    link('/', 'Desks'),
    admin ? link('/customers', 'Customers') : null,
    link('/organizations', 'Organizations'),
    link('/invitations', 'Invitations'),
    admin ? link('/mail', 'Mail log') : null,
    link('/account', 'My account'),
  ];
};

startShell({
  router,
  routes,
  loadSession: api.loadSession,
  signedIn: () => api.session.current() !== null,
  navLinks,
  signOut: api.signOut,
  watch,
  whenEnded: api.session.whenEnded,
  show,
  homeLink: ['/', 'Back to the desks'],
});
