/**
 * One request: its details (status, desk, type, times, what it follows up), what the customer may do with it
 * (resolve, reopen), its attachments, its public comments, its status history, and then either the reply box (with
 * files) or, once it is closed,
 * a follow-up request. A reply is added in place: the page does not jump, and says it was sent.
 */
import * as api from '../api';
import { h } from '../../../web/dom';
import { statusChip, timeAgo } from '../format';
import { go, link } from '../router';
import { errorBox, field, filesField, filesOf, form, keepDraft, loading, notice, show, str } from '../ui';

const sizeOf = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Each attachment with a button that downloads it (the API checks access, then hands out a short-lived link). */
const attachmentList = (attachments: api.Attachment[]) => {
  const status = h('div', { 'aria-live': 'polite' });
  const items = attachments.map((a) =>
    h(
      'li',
      {},
      h('button', { type: 'button', class: 'link', onclick: () => void api.downloadAttachment(a).catch((error: unknown) => status.replaceChildren(errorBox(error))) }, `Download ${a.filename}`),
      ' ',
      h('span', { class: 'meta' }, `${sizeOf(a.size)} · ${a.author.displayName ?? 'Someone'}`),
    ),
  );
  return h('section', { 'aria-label': 'Attachments' }, attachments.length === 0 ? h('p', {}, 'No attachments.') : h('ul', {}, items), status);
};

const detailsOf = (request: api.CustomerRequest): HTMLElement => {
  const updated = request.updatedDate ?? request.currentStatus.statusDate;
  const row = (term: string, value: Node | string) => [h('dt', {}, term), h('dd', {}, value)];
  return h(
    'dl',
    { class: 'details' },
    row('Status', statusChip(request.currentStatus.status)),
    request.serviceDesk ? row('Desk', request.serviceDesk.projectName) : [],
    request.requestType ? row('Request type', request.requestType.name) : [],
    row('Raised by', request.reporter.displayName ?? request.reporter.accountId),
    row('Raised', timeAgo(request.createdDate.iso8601)),
    row('Last updated', timeAgo(updated.iso8601)),
    request.followUpOf ? row('Follows up', link(`/request/${encodeURIComponent(request.followUpOf)}`, request.followUpOf)) : [],
    h('dt', {}, 'Description'),
    h('dd', { class: 'description' }, api.fieldValue(request, 'description') || '—'),
  );
};

const commentOf = (c: api.Comment, me: string | undefined): HTMLElement => {
  const mine = c.author.accountId === me;
  return h(
    'article',
    { class: `comment ${mine ? 'mine' : 'theirs'}` },
    h('div', { class: 'meta' }, mine ? 'You' : (c.author.displayName ?? 'The help desk'), ' · ', timeAgo(c.created.iso8601)),
    c.body,
  );
};

const historyOf = (request: api.CustomerRequest): HTMLElement | null =>
  request.status && request.status.values.length > 0
    ? h('ol', { class: 'history' }, request.status.values.map((s) => h('li', {}, statusChip(s.status), ' ', timeAgo(s.statusDate.iso8601))))
    : null;

const TRANSITION_WORDS: Record<string, string> = { '3': 'Mark as resolved', '5': 'Reopen this request' };

const actionsOf = (key: string, transitions: api.Transition[]): HTMLElement | null => {
  const mine = transitions.filter((t) => TRANSITION_WORDS[t.id]);
  if (mine.length === 0) return null;
  return h(
    'div',
    { class: 'actions' },
    mine.map((t) =>
      h('button', { type: 'button', class: 'secondary', onclick: async () => (await api.transition(key, t.id), await requestPage(key, t.id === '3' ? 'The request is resolved.' : 'The request is open again.')) }, TRANSITION_WORDS[t.id]!),
    ),
  );
};

const followUpForm = (request: api.CustomerRequest) =>
  h(
    'section',
    { 'aria-labelledby': 'closed-heading' },
    h('h2', { id: 'closed-heading' }, 'This request is closed'),
    h('p', {}, 'Closed requests take no more replies. If you still need help, raise a follow-up: it goes to the same desk and links back here.'),
    form(
      'Raise a follow-up request',
      [field('Summary', 'summary', { required: true, maxlength: '255', value: `Follow-up: ${api.fieldValue(request, 'summary')}`.slice(0, 255) }), field('Description', 'description', {}, 'textarea')],
      'Raise follow-up',
      async (data) => {
        const description = str(data, 'description');
        const created = await api.raiseFollowUp(request.issueKey, { summary: str(data, 'summary'), ...(description ? { description } : {}) });
        go(`/request/${encodeURIComponent(created.issueKey)}?raised=1`);
      },
    ),
  );

export const requestPage = async (key: string, announce?: string) => {
  loading(key);
  const [request, comments, transitions, attachments] = await Promise.all([api.getRequest(key), api.listComments(key), api.listTransitions(key), api.listAttachments(key)]);
  const me = api.session.current()?.accountId;
  const closed = request.currentStatus.status === 'Closed';
  const thread = h('section', { 'aria-label': 'Comments' });
  const list = comments.values.filter((c) => c.public !== false);
  thread.append(...(list.length === 0 ? [h('p', { class: 'empty' }, 'No comments yet.')] : list.map((c) => commentOf(c, me))));
  const sent = h('div', { role: 'status' }, announce ? notice(announce) : null, new URLSearchParams(location.search).has('raised') ? notice('Your request was raised: the help desk will reply here and by email.') : null);
  const details = h('div', {}, detailsOf(request), actionsOf(key, transitions.values));

  const reply = form('Reply', [field('Your reply', 'body', {}, 'textarea'), filesField()], 'Add reply', async (data) => {
    const body = str(data, 'body').trim();
    const files = filesOf(data);
    if (files.length > 0) {
      // Files go with their comment, as JSM attaches them; the page is drawn again with both.
      await api.attachFiles(key, await api.uploadFiles(request.serviceDeskId, files), body || undefined);
      draft.clear();
      return requestPage(key, 'Your reply was sent.');
    }
    if (!body) throw new Error('Write a reply or attach a file.');
    const added = await api.addComment(key, body);
    draft.clear();
    reply.reset();
    thread.querySelector('.empty')?.remove();
    thread.append(commentOf(added, me));
    sent.replaceChildren(notice('Your reply was sent.'));
    // A reply reopens a resolved request and hands one waiting for the customer back: show the status it has now.
    const [now, next] = await Promise.all([api.getRequest(key), api.listTransitions(key)]);
    details.replaceChildren(detailsOf(now), actionsOf(key, next.values) ?? '');
  });
  const draft = keepDraft(reply, 'body', `reply.${key}`);

  show(
    `${request.issueKey}: ${api.fieldValue(request, 'summary')}`,
    sent,
    details,
    h('h2', {}, 'Attachments'),
    attachmentList(attachments.values),
    h('h2', {}, 'Comments'),
    thread,
    closed ? followUpForm(request) : [request.currentStatus.status === 'Resolved' ? h('p', { class: 'meta' }, 'This request is resolved. A reply reopens it.') : null, reply],
    h('h2', {}, 'History'),
    historyOf(request),
  );
};
