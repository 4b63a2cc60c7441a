/**
 * Invitations: the pending, expired, revoked (and accepted) lists, paged; resending and revoking; inviting by pasted
 * addresses or from a CSV file (its `email` column, or its first), in calls of up to 100 with the outcome per address.
 */
import { h } from '../../../web/dom';
import { localTime } from '../../../web/time';
import * as api from '../api';
import { invite, listInvitations, resendInvitation, revokeInvitation } from '../api-directory';
import { listDesks } from '../api-desks';
import { link } from '../router';
import { actionButton, addressOf, choiceFilter, field, flash, form, loading, pager, queryParam, section, selectField, show, startParam, statusLine, table } from '../ui';
import { inviteForm, parseAddresses, resultsTable } from './invite-results';

const STATUSES: [api.InvitationStatus, string][] = [
  ['pending', 'Pending'],
  ['expired', 'Expired'],
  ['revoked', 'Revoked'],
  ['accepted', 'Accepted'],
];

/** The addresses of a CSV file: the column headed "email" (any case), or else the first column; quotes removed. */
export const csvAddresses = (text: string): string[] => {
  const rows = text.split(/\r?\n/).filter((r) => r.trim() !== '').map((r) => r.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
  const header = rows[0]?.findIndex((c) => /^e-?mail( address)?$/i.test(c)) ?? -1;
  const column = header >= 0 ? header : 0;
  return parseAddresses((header >= 0 ? rows.slice(1) : rows).map((r) => r[column] ?? '').filter((a) => a.includes('@')).join('\n'));
};

const csvForm = (desks: api.Desk[]) => {
  const outcome = h('div', { role: 'status' });
  const f = form(
    'Invite from a CSV file',
    [
      field('CSV file', 'file', { type: 'file', accept: '.csv,text/csv', required: true }, 'input', 'One address a line, or a column headed “email”.'),
      selectField('Invite to', 'serviceDeskId', [['', 'No desk in particular'], ...desks.map((d): [string, string] => [d.id, d.projectName])], ''),
    ],
    'Invite everyone in the file',
    async (data) => {
      const file = data.get('file');
      if (!(file instanceof File) || file.size === 0) throw new Error('Choose a CSV file.');
      if (file.size > 1024 * 1024) throw new Error('The file is larger than 1 MB.');
      const emails = csvAddresses(await file.text());
      if (emails.length === 0) throw new Error('No address found in the file.');
      const deskId = String(data.get('serviceDeskId') ?? '') || undefined;
      const results: api.InviteResult[] = [];
      const said = h('p', {}, `Inviting ${emails.length} addresses…`);
      outcome.replaceChildren(said);
      for (let at = 0; at < emails.length; at += 100) {
        results.push(...(await invite(emails.slice(at, at + 100), deskId)).results);
        said.textContent = `Invited ${results.length} of ${emails.length} addresses…`;
      }
      const invited = results.filter((r) => r.outcome === 'invited' || r.outcome === 'resent').length;
      outcome.replaceChildren(h('p', { class: 'notice' }, `${invited} of ${emails.length} addresses invited.`), resultsTable(results, desks.find((d) => d.id === deskId)?.projectName));
    },
  );
  return h('div', {}, f, outcome);
};

export const invitationsPage = async () => {
  const status = STATUSES.find(([s]) => s === queryParam('status'))?.[0] ?? 'pending';
  const start = startParam();
  loading('Invitations');
  const [page, desks] = await Promise.all([listInvitations({ status, start }), listDesks()]);
  const deskName = (id: string | null) => (id ? (desks.values.find((d) => d.id === id)?.projectName ?? `desk ${id}`) : 'Any desk');
  const line = statusLine();
  const redraw = () => invitationsPage();
  const chooser = choiceFilter('Which invitations', 'status', STATUSES, status, '/invitations');
  show(
    'Invitations',
    chooser,
    line,
    page.values.length === 0
      ? h('p', { role: 'status' }, `No ${status} invitations.`)
      : table(
          `${STATUSES.find(([s]) => s === status)?.[1]} invitations`,
          ['Email', 'Desk', 'Sent', status === 'pending' ? 'Expires' : 'Expired or ended', ''],
          page.values.map((i) => [
            api.isAdmin() ? link(`/customers/${encodeURIComponent(i.accountId)}`, i.email) : i.email,
            deskName(i.serviceDeskId),
            h('span', {}, localTime(i.created.iso8601), i.deliveryFailure ? ` (mail ${i.deliveryFailure.type})` : ''),
            localTime(i.expiresAt.iso8601),
            i.status === 'pending' || i.status === 'expired'
              ? h(
                  'span',
                  { class: 'links' },
                  actionButton('Resend', line, async () => (await resendInvitation(i.id), `A new invitation went to ${i.email}; the old link no longer works.`), { class: 'secondary', 'aria-label': `Resend to ${i.email}` }),
                  i.status === 'pending'
                    ? actionButton('Revoke', line, async () => {
                        await revokeInvitation(i.id);
                        flash(`The invitation of ${i.email} is revoked: its link no longer works.`);
                        await redraw();
                      }, { class: 'secondary', 'aria-label': `Revoke the invitation of ${i.email}` })
                    : null,
                )
              : '',
          ]),
        ),
    pager(page, (at) => addressOf('/invitations', { status, start: at })),
    section('Invite by email', inviteForm(undefined, () => undefined)),
    section('Invite from a CSV file', csvForm(desks.values)),
  );
};
