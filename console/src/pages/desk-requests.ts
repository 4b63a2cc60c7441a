/**
 * A desk's requests, as its agents work them: the queue (open requests first, then resolved and closed ones), or the
 * requests one customer raised here (`?reporter=`), latest activity first within each, paged through the address.
 */
import { h } from '../../../web/dom';
import { statusChip } from '../../../web/status';
import { timeAgo } from '../../../web/time';
import type { CustomerRequest, Page } from '../api';
import { deskRequests, getDesk } from '../api-desks';
import { link } from '../router';
import { addressOf, loading, pager, queryParam, section, show, table } from '../ui';
import { deskTabs } from './desk-nav';

export const summaryOf = (r: CustomerRequest): string => String(r.requestFieldValues.find((f) => f.fieldId === 'summary')?.value ?? '');
export const reporterName = (r: Pick<CustomerRequest, 'reporter'>) => ('displayName' in r.reporter ? r.reporter.displayName : r.reporter.accountId);

const requestsTable = (caption: string, page: Page<CustomerRequest>) =>
  page.values.length === 0
    ? h('p', {}, 'None.')
    : table(
        caption,
        ['Request', 'Status', 'Reporter', 'Channel', 'Updated'],
        page.values.map((r) => [
          link(`/request/${encodeURIComponent(r.issueKey)}`, `${r.issueKey}: ${summaryOf(r)}`),
          statusChip(r.currentStatus.status),
          reporterName(r),
          r.channel,
          timeAgo(r.updatedDate.iso8601),
        ]),
      );

export const deskRequestsPage = async (deskId: string) => {
  const reporter = queryParam('reporter') || undefined;
  const openStart = Math.max(0, Number(queryParam('open')) || 0);
  const doneStart = Math.max(0, Number(queryParam('done')) || 0);
  loading('Requests');
  const [desk, open, done] = await Promise.all([
    getDesk(deskId),
    deskRequests({ serviceDeskId: deskId, status: 'OPEN_REQUESTS', reporter, start: openStart }),
    deskRequests({ serviceDeskId: deskId, status: 'CLOSED_REQUESTS', reporter, start: doneStart }),
  ]);
  const at = (which: 'open' | 'done') => (start: number) =>
    addressOf(`/desk/${deskId}/requests`, { reporter, open: which === 'open' ? start : openStart, done: which === 'done' ? start : doneStart });
  const sample = [...open.values, ...done.values][0];
  const whose = sample ? reporterName(sample) : reporter;
  show(
    reporter ? `${desk.projectName}: requests of ${whose}` : `${desk.projectName}: requests`,
    deskTabs(desk, 'requests'),
    reporter ? h('p', {}, link(`/desk/${deskId}/requests`, 'Show every customer’s requests')) : null,
    section('Open', requestsTable('Open requests', open), pager(open, at('open'))),
    section('Resolved and closed', requestsTable('Resolved and closed requests', done), pager(done, at('done'))),
  );
};
