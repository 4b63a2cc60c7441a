/**
 * Directory → Customers (admins): every account of the site, searched by a prefix of the name or the email, filtered
 * by status and account type, and paged. The search lives in the address, so Back returns to it.
 */
import { h } from '../../../web/dom';
import type { AccountStatus, AccountType } from '../api';
import { searchDirectory } from '../api-directory';
import { go, link } from '../router';
import { addressOf, loading, pager, queryParam, selectField, show, startParam, table, uniqueId } from '../ui';

const STATUSES: [AccountStatus | '', string][] = [
  ['', 'Any status'],
  ['active', 'Active'],
  ['invited', 'Invited'],
  ['suspended', 'Portal access revoked'],
  ['anonymized', 'Anonymized'],
];
const TYPES: [AccountType | '', string][] = [
  ['', 'Any type'],
  ['portal', 'Portal-only customer'],
  ['site', 'Site account'],
];
export const statusWords = (status: string) => STATUSES.find(([s]) => s === status)?.[1] ?? status;
export const typeWords = (type: string) => TYPES.find(([t]) => t === type)?.[1] ?? type;

export const directoryPage = async () => {
  const filter = {
    q: queryParam('q') ?? '',
    status: (STATUSES.find(([s]) => s === queryParam('status'))?.[0] ?? '') as AccountStatus | '',
    type: (TYPES.find(([t]) => t === queryParam('type'))?.[0] ?? '') as AccountType | '',
    start: startParam(),
  };
  loading('Customers');
  const page = await searchDirectory({ query: filter.q, status: filter.status, accountType: filter.type, start: filter.start });
  const searchId = uniqueId('q');
  const search = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Find customers' },
    h('label', { for: searchId }, 'Name or email starts with', h('input', { id: searchId, name: 'q', type: 'search', value: filter.q })),
    selectField('Status', 'status', STATUSES, filter.status),
    selectField('Account type', 'type', TYPES, filter.type),
    h('button', { type: 'submit' }, 'Search'),
  ) as HTMLFormElement;
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(search);
    go(addressOf('/customers', { q: String(data.get('q') ?? '').trim(), status: String(data.get('status') ?? ''), type: String(data.get('type') ?? '') }));
  });
  const first = filter.start + 1;
  show(
    'Customers',
    search,
    page.values.length === 0
      ? h('p', { role: 'status' }, 'No customer matches.')
      : [
          h('p', { role: 'status', class: 'meta' }, `Customers ${first}–${first + page.values.length - 1}`),
          table(
            'Customers',
            ['Name', 'Email', 'Status', 'Account type'],
            page.values.map((c) => [
              link(`/customers/${encodeURIComponent(c.accountId)}`, c.displayName || '(no name)'),
              c.emailAddress ?? '—',
              statusWords(c.status),
              c.staffRole ? `${typeWords(c.accountType)} (${c.staffRole})` : typeWords(c.accountType),
            ]),
          ),
        ],
    pager(page, (start) => addressOf('/customers', { q: filter.q, status: filter.status, type: filter.type, start })),
  );
};
