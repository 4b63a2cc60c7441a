/** What the help center knows of the signed-in customer. */
import * as api from '../api';
import { h } from '../../../web/dom';
import { loading, show } from '../ui';

export const profilePage = async () => {
  loading('Profile');
  const me = await api.me();
  show(
    'Profile',
    h('dl', {}, h('dt', {}, 'Name'), h('dd', {}, me.displayName ?? ''), h('dt', {}, 'Email'), h('dd', {}, me.emailAddress ?? ''), h('dt', {}, 'Account'), h('dd', {}, me.accountId)),
  );
};
