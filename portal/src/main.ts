/**
 * The customer portal: a small single-page app with no framework, served under /portal/ and calling the same API
 * (Authorization: Bearer <session>, the session kept in sessionStorage). Pages live in pages/, the route table in
 * routes.ts, the typed API client in api.ts.
 */
import './style.css';
import { ApiError, session } from './api';
import { h } from './dom';
import { currentPath, go, link, match, startRouter } from './router';
import { routes } from './routes';
import { errorBox, show } from './ui';

const nav = document.getElementById('nav')!;
const main = document.getElementById('main')!;

const renderNav = () => {
  nav.replaceChildren(
    ...(session.get()
      ? [
          link('/', 'Desks'),
          link('/requests', 'My requests'),
          link('/profile', 'Profile'),
          h('button', { type: 'button', onclick: () => (session.clear(), go('/signin')) }, 'Sign out'),
        ]
      : [link('/signin', 'Sign in')]),
  );
};

const render = async (): Promise<void> => {
  renderNav();
  const path = currentPath();
  const found = match(routes, path);
  try {
    if (found && !found.route.public && !session.get()) {
      go(`/signin?next=${encodeURIComponent(path + location.search)}`);
      return;
    }
    if (found) await found.route.page(...found.params);
    else show('Page not found', h('p', {}, link('/', 'Back to the desks')));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      renderNav();
      go(`/signin?next=${encodeURIComponent(path)}`);
      return;
    }
    show('Something went wrong', errorBox(error));
  }
  main.focus({ preventScroll: true });
};

startRouter(render);
