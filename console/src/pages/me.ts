/** The signed-in staff member's own account: who they are, a new API token for scripts (shown once), a new password. */
import { h } from '../../../web/dom';
import * as api from '../api';
import { actionButton, field, form, notice, section, show, statusLine, str } from '../ui';

export const myAccountPage = () => {
  const staff = api.me()!;
  const tokenStatus = statusLine();
  const passwordDone = statusLine();
  show(
    'My account',
    h('dl', {}, h('dt', {}, 'Name'), h('dd', {}, staff.displayName), h('dt', {}, 'Email'), h('dd', {}, staff.emailAddress), h('dt', {}, 'Role'), h('dd', {}, staff.role)),
    section(
      'API token',
      h('p', {}, 'Scripts call the API with your email and an API token. A new token replaces the old one at once, and signs out your other console sessions.'),
      actionButton('Create a new API token', tokenStatus, async () => {
        const { apiToken } = await api.rotateToken(staff.accountId);
        tokenStatus.replaceChildren(
          notice('Your new API token is below. Copy it now: it is shown only once.'),
          h('p', {}, h('code', { class: 'token', 'aria-label': 'New API token' }, apiToken)),
        );
      }),
      tokenStatus,
    ),
    section(
      'Password',
      form(
        'Change password',
        [
          field('Current password', 'currentPassword', { type: 'password', autocomplete: 'current-password', required: true }),
          field('New password (at least 8 characters)', 'newPassword', { type: 'password', autocomplete: 'new-password', required: true }),
        ],
        'Change password',
        async (data) => {
          await api.changePassword(str(data, 'currentPassword'), str(data, 'newPassword'));
          passwordDone.replaceChildren(notice('Your password is changed; your other sessions have ended.'));
        },
      ),
      passwordDone,
    ),
  );
};
