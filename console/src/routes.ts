/** The console's route table: each path (or pattern) and its page. Pages not marked public need a staff session. */
import type { Route } from './router';
import { forgotPasswordPage, resetPasswordPage, setPasswordPage, signInPage } from './pages/account';
import { customerPage } from './pages/customer';
import { deskCustomersPage } from './pages/desk-customers';
import { deskRequestsPage } from './pages/desk-requests';
import { desksPage } from './pages/desks';
import { directoryPage } from './pages/directory';
import { invitationsPage } from './pages/invitations';
import { mailLogPage, mailMessagePage } from './pages/mail';
import { myAccountPage } from './pages/me';
import { organizationPage } from './pages/organization';
import { organizationsPage } from './pages/organizations';
import { requestPage } from './pages/request';

export const routes: Route[] = [
  { path: '/signin', public: true, page: signInPage },
  { path: '/set-password', public: true, page: setPasswordPage },
  { path: '/reset-password', public: true, page: resetPasswordPage },
  { path: '/forgot-password', public: true, page: forgotPasswordPage },
  { path: '/', page: desksPage },
  { path: '/account', page: myAccountPage },
  { path: '/customers', page: directoryPage },
  { path: /^\/customers\/([^/]+)$/, page: customerPage },
  { path: /^\/desk\/(\d+)\/customers$/, page: deskCustomersPage },
  { path: /^\/desk\/(\d+)\/requests$/, page: deskRequestsPage },
  { path: /^\/request\/([^/]+)$/, page: requestPage },
  { path: '/organizations', page: organizationsPage },
  { path: /^\/organization\/(\d+)$/, page: organizationPage },
  { path: '/invitations', page: invitationsPage },
  { path: '/mail', page: mailLogPage },
  { path: /^\/mail\/([^/]+)$/, page: mailMessagePage },
];
