/** The console's home: the desks the signed-in staff member works on (an agent's own, every desk for an admin). */
import { h } from '../../../web/dom';
import { listDesks } from '../api-desks';
import { link } from '../router';
import { addressOf, loading, pager, show, startParam, table } from '../ui';

export const desksPage = async (): Promise<void> => {
  loading('Desks');
  const page = await listDesks(startParam());
  show(
    'Desks',
    page.values.length === 0
      ? h('p', {}, 'You work on no desk yet: an admin adds agents to desks.')
      : table(
          'Desks',
          ['Desk', 'Key', 'Access', 'Open'],
          page.values.map((d) => [
            d.projectName,
            d.projectKey,
            d.access === 'open' ? 'Open to anyone' : 'Its customers only',
            h('span', { class: 'links' }, link(`/desk/${d.id}/requests`, 'Requests', { 'aria-label': `Requests of ${d.projectName}` }), link(`/desk/${d.id}/customers`, 'Customers', { 'aria-label': `Customers of ${d.projectName}` })),
          ]),
        ),
    pager(page, (start) => addressOf('/', { start })),
  );
};
