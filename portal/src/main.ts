/**
 * The customer portal: a small single-page app with no framework, served under /portal/ and calling the same API
 * on the same origin, its session in an HttpOnly cookie (api.ts). Pages live in pages/, the route table in routes.ts.
 */
import './style.css';
import * as api from './api';
import { h } from './dom';
import { currentPath, go, link, match, startRouter } from './router';
import { routes } from './routes';
import { explainEnded, watchSession } from './session-watch';
import { errorBox, show } from './ui';

const nav = document.getElementById('nav')!;
const main = document.getElementById('main')!;

const signOut = async () => {
  await api.signOut();
  go('/signin');
};

const renderNav = () => {
  nav.replaceChildren(
    ...(api.session.current()
      ? [link('/', 'Desks'), link('/requests', 'My requests'), link('/profile', 'Profile'), h('button', { type: 'button', onclick: () => void signOut() }, 'Sign out')]
      : [link('/signin', 'Sign in')]),
  );
};

const sessionEnded = () => {
  renderNav();
  explainEnded();
};
api.session.whenEnded(sessionEnded);

let sessionLoaded = false;

const render = async (): Promise<void> => {
  const path = currentPath();
  try {
    if (!sessionLoaded) {
      await api.loadSession();
      sessionLoaded = true;
    }
    renderNav();
    watchSession(sessionEnded);
    const found = match(routes, path);
    if (found && !found.route.public && !api.session.current()) {
      go(`/signin?next=${encodeURIComponent(path + location.search)}`);
      return;
    }
    if (found) await found.route.page(...found.params);
    else show('Page not found', h('p', {}, link('/', 'Back to the desks')));
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 401) {
      go(`/signin?ended=1&next=${encodeURIComponent(path + location.search)}`);
      return;
    }
    show('Something went wrong', errorBox(error));
  }
  main.focus({ preventScroll: true });
};

startRouter(render);
