/** The desks a customer may use, and raising a request on one. */
import * as api from '../api';
import { h } from '../dom';
import { go, link } from '../router';
import { field, filesField, filesOf, form, loading, show, str, uniqueId } from '../ui';

export const desksPage = async () => {
  loading('Desks');
  const desks = (await api.myDesks()).values;
  show(
    'Desks',
    desks.length === 0
      ? h('p', {}, 'No desk is open to you yet.')
      : h(
          'ul',
          { class: 'cards' },
          desks.map((d) => h('li', {}, h('strong', {}, d.projectName), ' ', h('span', { class: 'meta' }, d.projectKey), h('br'), link(`/desk/${d.id}/create`, `Raise a request on ${d.projectName}`))),
        ),
  );
};

export const createPage = async (deskId: string) => {
  loading('Raise a request');
  const types = (await api.requestTypes(deskId)).values;
  const selectId = uniqueId('type');
  show(
    'Raise a request',
    types.length === 0
      ? h('p', {}, 'This desk has no request types yet.')
      : form(
          'Raise a request',
          [
            h('label', { for: selectId }, 'Request type', h('select', { id: selectId, name: 'requestTypeId' }, types.map((t) => h('option', { value: t.id }, t.name)))),
            field('Summary', 'summary', { required: true, maxlength: '255' }),
            field('Description', 'description', {}, 'textarea'),
            filesField(),
          ],
          'Send request',
          async (data) => {
            const description = str(data, 'description');
            const created = await api.createRequest({
              serviceDeskId: deskId,
              requestTypeId: str(data, 'requestTypeId'),
              requestFieldValues: { summary: str(data, 'summary'), ...(description ? { description } : {}) },
            });
            // JSM's way: the request first, then its files attached to it with a comment.
            const files = filesOf(data);
            if (files.length > 0) await api.attachFiles(created.issueKey, await api.uploadFiles(deskId, files));
            go(`/request/${encodeURIComponent(created.issueKey)}`);
          },
        ),
  );
};
