/**
 * The mail log (admins): what became of each inbound message, refused ones first with their reasons; a message opened
 * with its headers and text, and accepted into a request when it was refused wrongly.
 */
import { h } from '../../../web/dom';
import { localTime, timeAgo } from '../../../web/time';
import { acceptMail, getMail, mailLog, type MailOutcome } from '../api-mail';
import { go, link } from '../router';
import { actionButton, addressOf, choiceFilter, flash, loading, pager, queryParam, section, show, startParam, statusLine, table } from '../ui';

const OUTCOMES: [MailOutcome | 'all', string][] = [
  ['rejected', 'Refused'],
  ['ignored', 'Ignored (auto-replies, loops, bulk)'],
  ['accepted', 'New requests'],
  ['commented', 'Comments on requests'],
  ['all', 'Every message'],
];

export const mailLogPage = async () => {
  const outcome = OUTCOMES.find(([o]) => o === queryParam('outcome'))?.[0] ?? 'rejected';
  const start = startParam();
  loading('Mail log');
  const page = await mailLog(outcome === 'all' ? undefined : outcome, start);
  const filter = choiceFilter('Which messages', 'outcome', OUTCOMES, outcome, '/mail');
  show(
    'Mail log',
    filter,
    page.values.length === 0
      ? h('p', { role: 'status' }, 'No messages here.')
      : table(
          'Inbound messages, newest first',
          ['Received', 'From', 'Subject', 'Outcome'],
          page.values.map((m) => [
            timeAgo(m.received.iso8601),
            m.from,
            link(`/mail/${encodeURIComponent(m.id)}`, m.subject || '(no subject)'),
            m.issueKey ? h('span', {}, `${m.outcome}: `, link(`/request/${m.issueKey}`, m.issueKey)) : `${m.outcome ?? 'in progress'}${m.reason ? `: ${m.reason}` : ''}`,
          ]),
        ),
    pager(page, (at) => addressOf('/mail', { outcome, start: at })),
  );
};

export const mailMessagePage = async (id: string) => {
  loading('Message');
  const m = await getMail(id);
  const status = statusLine();
  const acceptable = m.outcome === 'rejected' || m.outcome === 'ignored';
  show(
    m.subject || '(no subject)',
    h('p', {}, link('/mail', 'Back to the mail log')),
    h(
      'dl',
      {},
      h('dt', {}, 'From'),
      h('dd', {}, m.from),
      h('dt', {}, 'To'),
      h('dd', {}, m.to.join(', ')),
      h('dt', {}, 'Received'),
      h('dd', {}, localTime(m.received.iso8601)),
      h('dt', {}, 'Outcome'),
      h('dd', {}, m.outcome ?? 'in progress', m.reason ? `: ${m.reason}` : '', m.issueKey ? h('span', {}, ' → ', link(`/request/${m.issueKey}`, m.issueKey)) : ''),
    ),
    acceptable
      ? section(
          'Accept',
          h('p', {}, 'Accepting raises a request from this message on the desk it was sent to, as if it had been let through.'),
          actionButton('Accept into a request', status, async () => {
            const request = await acceptMail(id);
            flash(`The message is now request ${request.issueKey}.`);
            go(`/request/${encodeURIComponent(request.issueKey)}`);
          }),
          status,
        )
      : null,
    section('Text', h('pre', { class: 'mail' }, m.text || '(no text part)')),
    section('Headers', table('Headers', ['Header', 'Value'], m.headers.map((x) => [x.name, x.value]))),
  );
};
