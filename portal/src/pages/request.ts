/** One request: its details, its public comments, and the reply box. */
import * as api from '../api';
import { h } from '../dom';
import { field, form, keepDraft, loading, show, str } from '../ui';

export const requestPage = async (key: string) => {
  loading(key);
  const [request, comments] = await Promise.all([api.getRequest(key), api.listComments(key)]);
  const list = comments.values.filter((c) => c.public !== false);
  const reply = form('Reply', [field('Your reply', 'body', { required: true }, 'textarea')], 'Add reply', async (data) => {
    await api.addComment(key, str(data, 'body'));
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
