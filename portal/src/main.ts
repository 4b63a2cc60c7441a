/**
 * The customer portal: a small single-page app with no framework, served under /portal/ and calling the same API
 * on the same origin, its session in an HttpOnly cookie (api.ts). Pages live in pages/, the route table in routes.ts,
 * the words in messages/ (i18n.ts). Every page change moves the focus to the new page's heading and announces it (ui.ts).
 */
import './style.css';
import * as api from './api';
import { h } from './dom';
import { LANGUAGES, currentLanguage, setLanguage, t, type Language } from './i18n';
import { currentPath, go, link, match, startRouter } from './router';
import { routes } from './routes';
import { explainEnded, watchSession } from './session-watch';
import { errorBox, focusHeading, settle, show } from './ui';

const nav = document.getElementById('nav')!;
const brand = document.querySelector<HTMLAnchorElement>('.brand')!;
const skip = document.querySelector<HTMLAnchorElement>('.skip')!;

// The skip link moves the focus to the page's heading without changing the address (so nothing reloads).
skip.addEventListener('click', (event) => {
  event.preventDefault();
  focusHeading();
});

const signOut = async () => {
  await api.signOut();
  go('/signin');
};

/** The language switch: the page is drawn again in the chosen language. */
const languageSwitch = () => {
  const select = h(
    'select',
    { id: 'language', 'aria-label': t('language'), onchange: (event: Event) => (setLanguage((event.target as HTMLSelectElement).value as Language), void render()) },
    LANGUAGES.map(([code, name]) => h('option', { value: code, lang: code, ...(code === currentLanguage() ? { selected: true } : {}) }, name)),
  );
  return select;
};

const renderNav = () => {
  brand.textContent = t('helpCenter');
  skip.textContent = t('skipToContent');
  nav.setAttribute('aria-label', t('mainNavigation'));
  nav.replaceChildren(
    ...(api.session.current()
      ? [link('/', t('navDesks')), link('/requests', t('navRequests')), link('/profile', t('navProfile')), h('button', { type: 'button', onclick: () => void signOut() }, t('signOut'))]
      : [link('/signin', t('signIn'))]),
    languageSwitch(),
  );
};

const sessionEnded = () => {
  renderNav();
  explainEnded();
};
api.session.whenEnded(sessionEnded);

let sessionLoaded = false;

async function render(): Promise<void> {
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
    else show(t('pageNotFound'), h('p', {}, link('/', t('backToDesks'))));
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 401) {
      go(`/signin?ended=1&next=${encodeURIComponent(path + location.search)}`);
      return;
    }
    show(t('somethingWentWrong'), errorBox(error));
  }
  settle();
}

startRouter(render);
