/** Organizations: the list (paged), and creating one. Each opens its own page (organization.ts). */
import { h } from '../../../web/dom';
import * as api from '../api';
import { createOrganization, listOrganizations } from '../api-organizations';
import { go, link } from '../router';
import { addressOf, field, flash, form, loading, pager, section, show, startParam, str, table } from '../ui';

export const organizationsPage = async () => {
  const start = startParam();
  loading('Organizations');
  const page = await listOrganizations(start);
  show(
    'Organizations',
    api.isAdmin() ? null : h('p', {}, 'The organizations linked to your desks.'),
    page.values.length === 0 ? h('p', {}, 'No organization yet.') : table('Organizations', ['Organization'], page.values.map((o) => [link(`/organization/${o.id}`, o.name)])),
    pager(page, (at) => addressOf('/organizations', { start: at })),
    section(
      'Create an organization',
      form('Create an organization', [field('Name', 'name', { required: true, maxlength: '200', autocomplete: 'off' })], 'Create', async (data) => {
        const created = await createOrganization(str(data, 'name').trim());
        flash(`${created.name} is created.`);
        go(`/organization/${created.id}`);
      }),
    ),
  );
};
