/**
 * The customer portal: a small single-page app with no framework, served under /portal/ and calling the same API
 * on the same origin, its session in an HttpOnly cookie (api.ts). Pages live in pages/, the route table in routes.ts,
 * the words in messages/ (i18n.ts: English and German, the switch in the header); the render loop, forms and styles
 * are the front end's shared module (web/).
 */
import '../../web/style.css';
import { h } from '../../web/dom';
import { startShell } from '../../web/app-shell';
import * as api from './api';
import { LANGUAGES, currentLanguage, setLanguage, t, type Language } from './i18n';
import * as router from './router';
import { routes } from './routes';
import * as watch from './session-watch';
import { show } from './ui';

const { link } = router;

/** The frame's own words (index.html holds the English ones until the first page). */
const frameWords = () => {
  document.querySelector('.brand')!.textContent = t('helpCenter');
  document.querySelector('.skip')!.textContent = t('skipToContent');
  document.getElementById('nav')!.setAttribute('aria-label', t('mainNavigation'));
};
frameWords();

/** The language switch: the page is drawn again in the chosen language. */
const languageSwitch = () =>
  h(
    'select',
    {
      id: 'language',
      'aria-label': t('language'),
      onchange: (event: Event) => {
        setLanguage((event.target as HTMLSelectElement).value as Language);
        frameWords();
        void shell.render();
      },
    },
    LANGUAGES.map(([code, name]) => h('option', { value: code, lang: code, ...(code === currentLanguage() ? { selected: true } : {}) }, name)),
  );

const shell = startShell({
  router,
  routes,
  loadSession: api.loadSession,
  signedIn: () => api.session.current() !== null,
  navLinks: () => [link('/', t('navDesks')), link('/requests', t('navRequests')), link('/profile', t('navProfile'))],
  signOut: api.signOut,
  watch,
  whenEnded: api.session.whenEnded,
  show,
  homeLink: () => ['/', t('backToDesks')],
  headerExtras: () => [languageSwitch()],
});
