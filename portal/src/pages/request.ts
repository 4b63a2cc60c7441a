/**
 * One request: its details (status, desk, type, times, what it follows up), who can see it, what the customer may do
 * with it (resolve, reopen, mute), its attachments, its public comments (the help desk's set apart from the
 * customer's own), its status history, and then either the reply box (with files) or, once it is closed, a follow-up
 * request. A reply is added in place: the page does not jump, and says it was sent.
 */
import * as api from '../api';
import { h } from '../../../web/dom';
import { statusChip, timeAgo } from '../format';
import { currentLanguage, t } from '../i18n';
import { go, link } from '../router';
import { errorBox, field, filesField, filesOf, form, keepDraft, loading, notice, show, str } from '../ui';
import { notificationToggle, whoCanSee } from './request-people';

const sizeOf = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Each attachment with a button that downloads it (the API checks access, then hands out a short-lived link). */
const attachmentList = (attachments: api.Attachment[]) => {
  const status = h('div', {});
  const items = attachments.map((a) =>
    h(
      'li',
      {},
      h('button', { type: 'button', class: 'link', onclick: () => void api.downloadAttachment(a).catch((error: unknown) => status.replaceChildren(errorBox(error))) }, t('download', { name: a.filename })),
      ' ',
      h('span', { class: 'meta' }, `${sizeOf(a.size)} · ${a.author.displayName ?? t('someone')}`),
    ),
  );
  return h('section', { 'aria-label': t('attachments') }, attachments.length === 0 ? h('p', {}, t('noAttachments')) : h('ul', {}, items), status);
};

/**
 * A custom field's value as text: a date ("yyyy-MM-dd") and a number as the portal's language writes them, a
 * select's chosen option by its text; an Organizations field (a list) is said by "who can see it" instead.
 */
const customValueText = (value: unknown): string | undefined => {
  const locale = currentLanguage();
  if (typeof value === 'number') return value.toLocaleString(locale);
  if (typeof value === 'string') {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return date ? new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!)).toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' }) : value;
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && 'value' in value) return String((value as { value: unknown }).value);
  return undefined;
};

/** The request type's own fields (beyond summary and description), label and value. */
const customFieldsOf = (request: api.CustomerRequest) =>
  request.requestFieldValues
    .filter((f) => f.fieldId !== 'summary' && f.fieldId !== 'description')
    .flatMap((f) => {
      const text = customValueText(f.value);
      return text === undefined || text === '' ? [] : [h('dt', {}, f.label ?? f.fieldId), h('dd', { class: 'custom-field' }, text)];
    });

const detailsOf = (request: api.CustomerRequest): HTMLElement => {
  const updated = request.updatedDate ?? request.currentStatus.statusDate;
  const row = (term: string, value: Node | string) => [h('dt', {}, term), h('dd', {}, value)];
  return h(
    'dl',
    { class: 'details' },
    row(t('status'), statusChip(request.currentStatus.status)),
    request.serviceDesk ? row(t('desk'), request.serviceDesk.projectName) : [],
    request.requestType ? row(t('requestType'), request.requestType.name) : [],
    row(t('raisedBy'), request.reporter.displayName ?? t('someone')),
    row(t('raised'), timeAgo(request.createdDate.iso8601)),
    row(t('lastUpdated'), timeAgo(updated.iso8601)),
    request.followUpOf ? row(t('followsUp'), link(`/request/${encodeURIComponent(request.followUpOf)}`, request.followUpOf)) : [],
    customFieldsOf(request),
    h('dt', {}, t('description')),
    h('dd', { class: 'description' }, api.fieldValue(request, 'description') || '—'),
  );
};

/** The customer's own comments, other customers' (participants'), and the help desk's, each marked as such. */
const commentOf = (c: api.Comment, me: string | undefined, customers: Set<string>): HTMLElement => {
  const kind = c.author.accountId === me ? 'mine' : customers.has(c.author.accountId) ? 'theirs' : 'agent';
  const who = kind === 'mine' ? t('you') : (c.author.displayName ?? t('theHelpDesk'));
  return h(
    'article',
    { class: `comment ${kind}` },
    h('div', { class: 'meta' }, who, kind === 'agent' ? h('span', { class: 'badge' }, t('helpDeskBadge')) : null, ' · ', timeAgo(c.created.iso8601)),
    c.body,
  );
};

const historyOf = (request: api.CustomerRequest): HTMLElement | null =>
  request.status && request.status.values.length > 0
    ? h('ol', { class: 'history' }, request.status.values.map((s) => h('li', {}, statusChip(s.status), ' ', timeAgo(s.statusDate.iso8601))))
    : null;

const TRANSITION_WORDS = { '3': 'markResolved', '5': 'reopen' } as const;

const actionsOf = (key: string, transitions: api.Transition[]): HTMLElement | null => {
  const mine = transitions.filter((tr): tr is api.Transition & { id: keyof typeof TRANSITION_WORDS } => tr.id in TRANSITION_WORDS);
  if (mine.length === 0) return null;
  return h(
    'div',
    { class: 'actions' },
    mine.map((tr) =>
      h('button', { type: 'button', class: 'secondary', onclick: async () => (await api.transition(key, tr.id), await requestPage(key, t(tr.id === '3' ? 'resolvedNotice' : 'reopenedNotice'))) }, t(TRANSITION_WORDS[tr.id])),
    ),
  );
};

const followUpForm = (request: api.CustomerRequest) =>
  h(
    'section',
    { 'aria-labelledby': 'closed-heading' },
    h('h2', { id: 'closed-heading' }, t('closedTitle')),
    h('p', {}, t('closedIntro')),
    form(
      t('followUpTitle'),
      [field(t('summary'), 'summary', { required: true, maxlength: '255', value: `${t('followUpPrefix')} ${api.fieldValue(request, 'summary')}`.slice(0, 255) }), field(t('description'), 'description', {}, 'textarea')],
      t('raiseFollowUp'),
      async (data) => {
        const description = str(data, 'description');
        const created = await api.raiseFollowUp(request.issueKey, { summary: str(data, 'summary'), ...(description ? { description } : {}) });
        go(`/request/${encodeURIComponent(created.issueKey)}?raised=1`);
      },
    ),
  );

/**
 * The request page. `announce`: what was just done on it (a notice at the top); `replied`: the page is drawn again
 * after a reply with files, which the reply form then says, where the reader is.
 */
export const requestPage = async (key: string, announce?: string, replied = false) => {
  loading(key);
  const [request, comments, transitions, attachments, me, participants] = await Promise.all([
    api.getRequest(key), api.listComments(key), api.listTransitions(key), api.listAttachments(key), api.me(), api.listParticipants(key),
  ]);
  const customers = new Set([request.reporter.accountId, ...participants.values.map((p) => p.accountId)]);
  const [people, mute] = await Promise.all([whoCanSee(request, me), customers.has(me.accountId) ? notificationToggle(key) : null]);
  const closed = request.currentStatus.status === 'Closed';
  const thread = h('section', { 'aria-label': t('comments') });
  const list = comments.values.filter((c) => c.public !== false);
  thread.append(...(list.length === 0 ? [h('p', { class: 'empty' }, t('noComments'))] : list.map((c) => commentOf(c, me.accountId, customers))));
  const raised = new URLSearchParams(location.search).has('raised');
  // Said once: a reload (or coming back to this page) does not say it again.
  if (raised) history.replaceState(history.state, '', location.pathname);
  const sent = h('div', {}, announce ? notice(announce) : null, raised ? notice(t('raisedNotice')) : null);
  const details = h('div', {}, detailsOf(request), actionsOf(key, transitions.values));

  // A sent reply is said next to the reply box (a live region), which keeps the focus: the reader stays where they were.
  const replyStatus = h('div', { class: 'reply-status', role: 'status' });
  const sayReplied = () => {
    replyStatus.replaceChildren(h('p', { class: 'notice' }, t('replySent')));
    reply.querySelector<HTMLElement>('[name="body"]')?.focus({ preventScroll: true });
    replyStatus.scrollIntoView({ block: 'nearest' });
  };
  const reply = form(t('replyTitle'), [field(t('yourReply'), 'body', {}, 'textarea'), filesField()], t('addReply'), async (data) => {
    replyStatus.replaceChildren();
    const body = str(data, 'body').trim();
    const files = filesOf(data);
    if (files.length > 0) {
      // Files go with their comment, as JSM attaches them; the page is drawn again with both.
      await api.attachFiles(key, await api.uploadFiles(request.serviceDeskId, files), body || undefined);
      draft.clear();
      return requestPage(key, undefined, true);
    }
    if (!body) throw new Error(t('replyEmpty'));
    const added = await api.addComment(key, body);
    draft.clear();
    reply.reset();
    thread.querySelector('.empty')?.remove();
    thread.append(commentOf(added, me.accountId, customers));
    sayReplied();
    // A reply reopens a resolved request and hands one waiting for the customer back: show the status it has now.
    const [now, next] = await Promise.all([api.getRequest(key), api.listTransitions(key)]);
    details.replaceChildren(detailsOf(now), actionsOf(key, next.values) ?? '');
  });
  const draft = keepDraft(reply, 'body', `reply.${key}`);

  show(
    `${request.issueKey}: ${api.fieldValue(request, 'summary')}`,
    sent,
    details,
    mute,
    people,
    h('h2', {}, t('attachments')),
    attachmentList(attachments.values),
    h('h2', {}, t('comments')),
    thread,
    closed ? followUpForm(request) : [request.currentStatus.status === 'Resolved' ? h('p', { class: 'meta' }, t('resolvedHint')) : null, reply, replyStatus],
    h('h2', {}, t('history')),
    historyOf(request),
  );
  if (replied && !closed) sayReplied();
};
