/**
 * The signed-in customer's profile: their name (which they may change), their email and organizations, and their mail
 * settings: each of their latest requests with "Email me about it" (muting one is JSM's notification route). The raw
 * account id is not shown: it means nothing to a customer.
 */
import * as api from '../api';
import { h } from '../../../web/dom';
import { t } from '../i18n';
import { link } from '../router';
import { field, form, loading, notice, requiredNote, show, str } from '../ui';
import { notificationToggle } from './request-people';

/** How many of the customer's latest requests the mail settings list (the rest: on each request's page). */
const SETTINGS_FOR = 10;

export const profilePage = async () => {
  loading(t('navProfile'));
  const [me, mine] = await Promise.all([api.me(), api.listRequests({ ownership: 'OWNED_REQUESTS', status: 'OPEN_REQUESTS', limit: SETTINGS_FOR })]);
  const toggles = await Promise.all(mine.values.map((r) => notificationToggle(r.issueKey)));
  const saved = h('div', {});
  const nameValue = h('dd', {}, me.displayName ?? '');
  show(
    t('navProfile'),
    h('dl', {}, h('dt', {}, t('name')), nameValue, h('dt', {}, t('email')), h('dd', {}, me.emailAddress ?? ''), h('dt', {}, t('organizations')), h('dd', {}, me.organizations.map((o) => o.name).join(', ') || '—')),
    h('h2', {}, t('changeName')),
    requiredNote(),
    form(t('changeName'), [field(t('displayName'), 'displayName', { required: true, maxlength: '255', autocomplete: 'name', value: me.displayName ?? '' })], t('saveName'), async (data) => {
      const renamed = await api.renameMe(str(data, 'displayName').trim());
      nameValue.textContent = renamed.displayName ?? '';
      saved.replaceChildren(notice(t('nameSaved')));
    }),
    saved,
    h('h2', {}, t('mailSettings')),
    h('p', {}, t('mailSettingsIntro')),
    toggles.length === 0 ? h('p', {}, t('noOpenRequests')) : h('div', { class: 'toggles' }, toggles),
    h('p', {}, link('/requests', t('allMyRequests'))),
  );
};
