/** One request: its details, its public comments and attachments, and the reply box (with files). */
import * as api from '../api';
import { h } from '../dom';
import { errorBox, field, filesField, filesOf, form, keepDraft, loading, show, str } from '../ui';

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

export const requestPage = async (key: string) => {
  loading(key);
  const [request, comments, attachments] = await Promise.all([api.getRequest(key), api.listComments(key), api.listAttachments(key)]);
  const list = comments.values.filter((c) => c.public !== false);
  const reply = form('Reply', [field('Your reply', 'body', {}, 'textarea'), filesField()], 'Add reply', async (data) => {
    const body = str(data, 'body').trim();
    const files = filesOf(data);
    if (files.length > 0) await api.attachFiles(key, await api.uploadFiles(request.serviceDeskId, files), body || undefined);
    else if (body) await api.addComment(key, body);
    else throw new Error('Write a reply or attach a file.');
    draft.clear();
    await requestPage(key);
  });
  const draft = keepDraft(reply, 'body', `reply.${key}`);
  show(
    `${request.issueKey}: ${api.fieldValue(request, 'summary')}`,
    h(
      'dl',
      {},
      h('dt', {}, 'Status'),
      h('dd', {}, request.currentStatus.status),
      h('dt', {}, 'Raised by'),
      h('dd', {}, request.reporter.displayName ?? request.reporter.accountId),
      h('dt', {}, 'Raised'),
      h('dd', {}, request.createdDate.friendly || request.createdDate.iso8601),
      h('dt', {}, 'Description'),
      h('dd', { class: 'description' }, api.fieldValue(request, 'description') || '—'),
    ),
    h('h2', {}, 'Attachments'),
    attachmentList(attachments.values),
    h('h2', {}, 'Comments'),
    h(
      'section',
      { 'aria-label': 'Comments' },
      list.length === 0
        ? h('p', {}, 'No comments yet.')
        : list.map((c) => h('article', { class: 'comment' }, h('div', { class: 'meta' }, `${c.author.displayName ?? 'Someone'} · ${c.created.friendly || c.created.iso8601}`), c.body)),
    ),
    reply,
  );
};
