/**
 * The customer portal: a small single-page app with no framework, served under /portal/ and calling the same API
 * on the same origin, its session in an HttpOnly cookie (api.ts). Pages live in pages/, the route table in routes.ts;
 * the render loop, forms and styles are the front end's shared module (web/).
 */
import '../../web/style.css';
import { startShell } from '../../web/app-shell';
import * as api from './api';
import * as router from './router';
import { routes } from './routes';
import * as watch from './session-watch';
import { show } from './ui';

const { link } = router;

startShell({
  router,
  routes,
  loadSession: api.loadSession,
  signedIn: () => api.session.current() !== null,
  navLinks: () => [link('/', 'Desks'), link('/requests', 'My requests'), link('/profile', 'Profile')],
  signOut: api.signOut,
  watch,
  whenEnded: api.session.whenEnded,
  show,
  homeLink: ['/', 'Back to the desks'],
});
