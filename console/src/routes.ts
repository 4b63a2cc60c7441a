/** The console's route table: each path (or pattern) and its page. Pages not marked public need a staff session. */
import type { Route } from './router';
import { forgotPasswordPage, resetPasswordPage, setPasswordPage, signInPage } from './pages/account';
import { myAccountPage } from './pages/me';
import { desksPage } from './pages/desks';

export const routes: Route[] = [
  { path: '/signin', public: true, page: signInPage },
  { path: '/set-password', public: true, page: setPasswordPage },
  { path: '/reset-password', public: true, page: resetPasswordPage },
  { path: '/forgot-password', public: true, page: forgotPasswordPage },
  { path: '/', page: () => desksPage() },
  { path: '/account', page: myAccountPage },
];
