/**
 * The customer's requests, latest activity first: searched, filtered (open or closed, desk, request type, whose) and
 * paged, with the desk, the type, the status and when each was last updated. The filters live in the address, so a
 * filtered list can be bookmarked and Back returns to it.
 */
import * as api from '../api';
import { h } from '../../../web/dom';
import { statusChip, timeAgo } from '../format';
import { t, type MessageKey } from '../i18n';
import { go, link } from '../router';
import { loading, queryParam, selectField as select, show, uniqueId } from '../ui';
import { deskNames, typeNames } from './names';

const PAGE = 20;
const OWNERSHIP: [api.Ownership, MessageKey][] = [
  ['OWNED_REQUESTS', 'raisedByMe'],
  ['PARTICIPATED_REQUESTS', 'sharedWithMe'],
  ['ALL_ORGANIZATIONS', 'myOrganizations'],
];
const STATUS: [NonNullable<api.RequestFilter['status']>, MessageKey][] = [
  ['OPEN_REQUESTS', 'open'],
  ['CLOSED_REQUESTS', 'closedOrResolved'],
  ['ALL_REQUESTS', 'anyStatus'],
];
const words = (options: [string, MessageKey][]): [string, string][] => options.map(([value, key]) => [value, t(key)]);

const filterOf = (): api.RequestFilter & { ownership: api.Ownership; status: NonNullable<api.RequestFilter['status']> } => ({
  ownership: OWNERSHIP.find(([v]) => v === queryParam('ownership'))?.[0] ?? 'OWNED_REQUESTS',
  status: STATUS.find(([v]) => v === queryParam('status'))?.[0] ?? 'ALL_REQUESTS',
  serviceDeskId: queryParam('desk') || undefined,
  requestTypeId: (queryParam('desk') && queryParam('type')) || undefined,
  searchTerm: queryParam('q') || undefined,
  start: Math.max(0, Number(queryParam('start')) || 0),
  limit: PAGE,
});

const addressOf = (f: api.RequestFilter) => {
  const q = new URLSearchParams();
  if (f.searchTerm) q.set('q', f.searchTerm);
  if (f.ownership && f.ownership !== 'OWNED_REQUESTS') q.set('ownership', f.ownership);
  if (f.status && f.status !== 'ALL_REQUESTS') q.set('status', f.status);
  if (f.serviceDeskId) q.set('desk', f.serviceDeskId);
  if (f.requestTypeId) q.set('type', f.requestTypeId);
  if (f.start) q.set('start', String(f.start));
  const text = q.toString();
  return `/requests${text ? `?${text}` : ''}`;
};

export const requestsPage = async () => {
  const filter = filterOf();
  loading(t('navRequests'));
  const [page, desks] = await Promise.all([api.listRequests(filter), deskNames()]);
  const types = await typeNames([...new Set([...page.values.map((r) => r.serviceDeskId), ...(filter.serviceDeskId ? [filter.serviceDeskId] : [])])]);
  const searchId = uniqueId('q');
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('findRequests') },
    h('label', { for: searchId }, t('search'), h('input', { id: searchId, name: 'q', type: 'search', value: filter.searchTerm ?? '' })),
    select(t('whose'), 'ownership', words(OWNERSHIP), filter.ownership),
    select(t('status'), 'status', words(STATUS), filter.status),
    select(t('desk'), 'desk', [['', t('allDesks')], ...[...desks].map(([id, name]): [string, string] => [id, name])], filter.serviceDeskId ?? ''),
    filter.serviceDeskId
      ? select(t('requestType'), 'type', [['', t('allTypes')], ...[...(types.get(filter.serviceDeskId) ?? new Map<string, string>())]], filter.requestTypeId ?? '')
      : null,
    h('button', { type: 'submit' }, t('showRequests')),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(filters as HTMLFormElement);
    const desk = String(data.get('desk') ?? '');
    go(addressOf({
      searchTerm: String(data.get('q') ?? '').trim(),
      ownership: String(data.get('ownership')) as api.Ownership,
      status: String(data.get('status')) as api.RequestFilter['status'],
      serviceDeskId: desk,
      requestTypeId: desk === filter.serviceDeskId ? String(data.get('type') ?? '') : '',
    }));
  });
  const first = (filter.start ?? 0) + 1;
  const rows = page.values.map((r) =>
    h(
      'tr',
      {},
      h('td', { 'data-label': t('request') }, link(`/request/${encodeURIComponent(r.issueKey)}`, `${r.issueKey}: ${api.fieldValue(r, 'summary')}`)),
      h('td', { 'data-label': t('status') }, statusChip(r.currentStatus.status)),
      h('td', { 'data-label': t('desk') }, desks.get(r.serviceDeskId) ?? r.serviceDeskId),
      h('td', { 'data-label': t('type') }, types.get(r.serviceDeskId)?.get(r.requestTypeId) ?? ''),
      h('td', { 'data-label': t('updated') }, timeAgo((r.updatedDate ?? r.currentStatus.statusDate).iso8601)),
    ),
  );
  show(
    t('navRequests'),
    filters,
    page.values.length === 0
      ? h('p', { role: 'status' }, t('noRequests'))
      : [
          h('p', { role: 'status', class: 'meta' }, t('requestsRange', { first, last: first + page.values.length - 1 })),
          h(
            'table',
            { class: 'requests' },
            h('caption', { class: 'visually-hidden' }, t('requests')),
            h('thead', {}, h('tr', {}, (['request', 'status', 'desk', 'type', 'updated'] as const).map((c) => h('th', { scope: 'col' }, t(c))))),
            h('tbody', {}, rows),
          ),
        ],
    h(
      'nav',
      { class: 'pager', 'aria-label': t('pages') },
      filter.start ? link(addressOf({ ...filter, start: Math.max(0, (filter.start ?? 0) - PAGE) }), t('previousPage')) : null,
      page.isLastPage ? null : link(addressOf({ ...filter, start: (filter.start ?? 0) + PAGE }), t('nextPage')),
    ),
  );
};
