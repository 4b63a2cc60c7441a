/** The portal's route table: each path (or pattern) and its page. Pages not marked public need a session. */
import type { Route } from './router';
import { acceptPage, forgotPage, resetPage, signInPage, signUpPage, ssoCallbackPage } from './pages/account';
import { createPage, desksPage } from './pages/desks';
import { profilePage } from './pages/profile';
import { requestPage } from './pages/request';
import { requestsPage } from './pages/requests';

export const routes: Route[] = [
  { path: '/invitation/accept', public: true, page: acceptPage },
  { path: '/signin', public: true, page: signInPage },
  { path: '/signup', public: true, page: signUpPage },
  { path: '/sso/callback', public: true, page: ssoCallbackPage },
  { path: '/password/forgot', public: true, page: forgotPage },
  { path: '/password/reset', public: true, page: resetPage },
  { path: '/', page: desksPage },
  { path: /^\/desk\/([^/]+)\/create$/, page: createPage },
  { path: '/requests', page: requestsPage },
  { path: /^\/request\/([^/]+)$/, page: (key) => requestPage(key) },
  { path: '/profile', page: profilePage },
];
