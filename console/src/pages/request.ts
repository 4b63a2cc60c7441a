/** One request as an agent works it: its fields and status, every comment (internal ones marked), a public reply or an internal note, and its transitions. */
import { h } from '../../../web/dom';
import { statusChip } from '../../../web/status';
import { localTime, timeAgo } from '../../../web/time';
import type { Comment } from '../api';
import { addComment, getRequest, requestComments, transition, transitions } from '../api-desks';
import { link } from '../router';
import { field, flash, form, loading, section, selectField, show, str } from '../ui';
import { reporterName, summaryOf } from './desk-requests';

const commentCard = (c: Comment) =>
  h(
    'article',
    { class: `comment ${c.public ? 'theirs' : 'internal'}`, 'aria-label': `${c.public ? 'Public reply' : 'Internal note'} by ${reporterName({ reporter: c.author })}` },
    h('p', { class: 'meta' }, `${reporterName({ reporter: c.author })} · `, timeAgo(c.created.iso8601), c.public ? '' : ' · Internal note (customers do not see it)'),
    c.body,
  );

export const requestPage = async (key: string) => {
  loading(key);
  const [request, comments, moves] = await Promise.all([getRequest(key), requestComments(key), transitions(key)]);
  const redraw = async (outcome: string) => {
    flash(outcome);
    await requestPage(key);
  };
  const reply = form(
    'Reply',
    [
      field('Your comment', 'body', { required: true, rows: '5' }, 'textarea'),
      h(
        'fieldset',
        { class: 'choices' },
        h('legend', {}, 'Who sees it'),
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'visibility', value: 'public', checked: true }), 'Public reply: the customer sees it and gets a mail'),
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'visibility', value: 'internal' }), 'Internal note: staff only'),
      ),
    ],
    'Add comment',
    async (data) => {
      const isPublic = str(data, 'visibility') !== 'internal';
      await addComment(key, str(data, 'body'), isPublic);
      await redraw(isPublic ? 'Your reply is added; the customer sees it.' : 'Your internal note is added.');
    },
  );
  const move =
    moves.values.length === 0
      ? h('p', {}, 'No transition from this status.')
      : form('Transition', [selectField('Move to', 'transition', moves.values.map((t) => [t.id, t.name]), moves.values[0]!.id)], 'Transition', async (data) => {
          const chosen = moves.values.find((t) => t.id === str(data, 'transition'));
          await transition(key, str(data, 'transition'));
          await redraw(`${key} moved: ${chosen?.name ?? 'done'}.`);
        });
  const description = String(request.requestFieldValues.find((f) => f.fieldId === 'description')?.value ?? '');
  show(
    `${key}: ${summaryOf(request)}`,
    h('p', {}, link(`/desk/${request.serviceDeskId}/requests`, 'Back to the desk’s requests')),
    h(
      'dl',
      {},
      h('dt', {}, 'Status'),
      h('dd', {}, statusChip(request.currentStatus.status)),
      h('dt', {}, 'Reporter'),
      h('dd', {}, reporterName(request)),
      h('dt', {}, 'Raised'),
      h('dd', {}, localTime(request.createdDate.iso8601), ` (${request.channel})`),
      h('dt', {}, 'Description'),
      h('dd', { class: 'description' }, description || '—'),
    ),
    section('Comments', comments.values.length === 0 ? h('p', {}, 'No comments yet.') : comments.values.map(commentCard)),
    section('Reply', reply),
    section('Status', move),
  );
};
