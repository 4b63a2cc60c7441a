/** The customer's requests, by whose they are: mine, participated in, my organizations'. */
import * as api from '../api';
import { h } from '../dom';
import { go, link } from '../router';
import { loading, queryParam, show } from '../ui';

const FILTERS: [api.Ownership, string][] = [
  ['OWNED_REQUESTS', 'Mine'],
  ['PARTICIPATED_REQUESTS', 'Participated'],
  ['ALL_ORGANIZATIONS', 'My organizations'],
];

export const requestsPage = async () => {
  const asked = queryParam('ownership');
  const ownership = FILTERS.find(([v]) => v === asked)?.[0] ?? 'OWNED_REQUESTS';
  loading('My requests');
  const values = (await api.listRequests(ownership)).values;
  show(
    'My requests',
    h(
      'div',
      { class: 'filters', role: 'group', 'aria-label': 'Show' },
      FILTERS.map(([value, text]) => h('button', { type: 'button', 'aria-pressed': String(value === ownership), onclick: () => go(`/requests?ownership=${value}`) }, text)),
    ),
    values.length === 0
      ? h('p', {}, 'No requests here.')
      : h(
          'ul',
          { class: 'cards', 'aria-label': 'Requests' },
          values.map((r) =>
            h('li', {}, link(`/request/${encodeURIComponent(r.issueKey)}`, `${r.issueKey}: ${api.fieldValue(r, 'summary')}`), h('br'), h('span', { class: 'meta' }, r.currentStatus.status)),
          ),
        ),
  );
};
