/** The desks a customer may use, and raising a request on one. */
import * as api from '../api';
import { h } from '../../../web/dom';
import { statusChip, timeAgo } from '../format';
import { go, link } from '../router';
import { field, filesField, filesOf, form, loading, show, uniqueId } from '../ui';

/** Requests waiting for the customer come first: they are what the help desk needs from them. */
const waitingForYou = (requests: api.CustomerRequest[]) => {
  const waiting = requests.filter((r) => r.currentStatus.status === 'Waiting for customer');
  return h(
    'section',
    { 'aria-labelledby': 'waiting-heading' },
    h('h2', { id: 'waiting-heading' }, 'Waiting for you'),
    waiting.length === 0
      ? h('p', {}, 'Nothing needs you right now.')
      : h(
          'ul',
          { class: 'cards', 'aria-label': 'Waiting for you' },
          waiting.map((r) => h('li', {}, link(`/request/${encodeURIComponent(r.issueKey)}`, `${r.issueKey}: ${api.fieldValue(r, 'summary')}`), ' ', statusChip(r.currentStatus.status), h('br'), h('span', { class: 'meta' }, 'Updated ', timeAgo((r.updatedDate ?? r.currentStatus.statusDate).iso8601)))),
        ),
    h('p', {}, link('/requests', 'All my requests')),
  );
};

export const desksPage = async () => {
  loading('Help center');
  const [desks, open] = await Promise.all([api.myDesks(), api.listRequests({ status: 'OPEN_REQUESTS', limit: 50 })]);
  show(
    'Help center',
    waitingForYou(open.values),
    h('h2', {}, 'Desks'),
    desks.values.length === 0
      ? h('p', {}, 'No desk is open to you yet.')
      : h(
          'ul',
          { class: 'cards desks' },
          desks.values.map((d) => h('li', { class: 'desk' }, h('h3', {}, d.projectName), h('p', { class: 'meta' }, `Desk ${d.projectKey}`), link(`/desk/${d.id}/create`, `Raise a request on ${d.projectName}`))),
        ),
  );
};

/** A declared field of the request type, as a form field of its kind (JSM's jiraSchema type). */
const declaredField = (f: api.RequestTypeField): HTMLElement | null => {
  const attrs = { ...(f.required ? { required: true } : {}) };
  const hint = f.description || undefined;
  if (f.fieldId === 'summary') return field(f.name, 'summary', { ...attrs, maxlength: '255' }, 'input', hint);
  if (f.fieldId === 'description') return field(f.name, 'description', attrs, 'textarea', hint);
  switch (f.jiraSchema.type) {
    case 'string':
      return field(f.name, f.fieldId, attrs, 'input', hint);
    case 'number':
      return field(f.name, f.fieldId, { ...attrs, type: 'number', inputmode: 'decimal' }, 'input', hint);
    case 'date':
      return field(f.name, f.fieldId, { ...attrs, type: 'date' }, 'input', hint);
    case 'option': {
      const id = uniqueId(f.fieldId);
      return h(
        'label',
        { for: id, 'data-label': f.name },
        h('span', {}, f.name, f.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
        hint ? h('span', { class: 'hint' }, hint) : null,
        h('select', { id, name: f.fieldId, ...attrs }, h('option', { value: '' }, 'Choose…'), f.validValues.map((v) => h('option', { value: v.value }, v.label))),
      );
    }
    default:
      return null; // organizations: shared from the request page
  }
};

/** What the form holds for the API: summary and description, and each declared field of the chosen type. */
const fieldValues = (type: api.RequestType, data: FormData): Record<string, unknown> => {
  const values: Record<string, unknown> = {};
  for (const f of type.fields?.requestTypeFields ?? []) {
    const raw = String(data.get(f.fieldId) ?? '').trim();
    if (!raw && f.fieldId !== 'summary') continue;
    if (f.jiraSchema.type === 'number') values[f.fieldId] = Number(raw);
    else if (f.jiraSchema.type === 'option') values[f.fieldId] = { id: raw };
    else values[f.fieldId] = f.fieldId === 'summary' ? String(data.get('summary') ?? '') : raw;
  }
  return values;
};

/** Each request type with its description and help text: the customer sees what each is for before choosing. */
const typeChoices = (types: api.RequestType[], chosen: string, onChoose: (id: string) => void) =>
  h(
    'fieldset',
    { class: 'choices' },
    h('legend', {}, 'What do you need help with?'),
    types.map((t) => {
      const id = uniqueId(`type-${t.id}`);
      const input = h('input', { type: 'radio', name: 'requestTypeId', id, value: t.id, ...(t.id === chosen ? { checked: true } : {}), onchange: () => onChoose(t.id) });
      return h('label', { for: id, class: 'choice' }, input, h('span', {}, h('strong', {}, t.name), t.description ? h('span', { class: 'hint' }, h('br'), t.description) : null, t.helpText ? h('span', { class: 'hint' }, h('br'), t.helpText) : null));
    }),
  );

export const createPage = async (deskId: string) => {
  loading('Raise a request');
  const types = (await api.requestTypes(deskId, true)).values;
  if (types.length === 0) return show('Raise a request', h('p', {}, 'This desk has no request types yet.'));
  const fieldsOf = h('div', { class: 'declared' });
  let chosen = types[0]!;
  const choose = (id: string) => {
    chosen = types.find((t) => t.id === id) ?? chosen;
    fieldsOf.replaceChildren(...(chosen.fields?.requestTypeFields ?? []).map(declaredField).filter((e): e is HTMLElement => e !== null));
  };
  choose(chosen.id);
  show(
    'Raise a request',
    h('p', { class: 'meta' }, 'Fields marked * are required.'),
    form('Raise a request', [typeChoices(types, chosen.id, choose), fieldsOf, filesField()], 'Send request', async (data) => {
      const created = await api.createRequest({ serviceDeskId: deskId, requestTypeId: chosen.id, requestFieldValues: fieldValues(chosen, data) });
      // JSM's way: the request first, then its files attached to it with a comment.
      const files = filesOf(data);
      if (files.length > 0) await api.attachFiles(created.issueKey, await api.uploadFiles(deskId, files));
      go(`/request/${encodeURIComponent(created.issueKey)}?raised=1`);
    }),
  );
};
