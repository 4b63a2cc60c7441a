/** The desks a customer may use (what waits for them first), and raising a request on one. */
import * as api from '../api';
import { h } from '../../../web/dom';
import { statusChip, timeAgo } from '../format';
import { t } from '../i18n';
import { BASE, go, link } from '../router';
import { field, filesField, filesOf, form, loading, requiredMark, requiredNote, show, uniqueId } from '../ui';

/** Requests waiting for the customer come first: they are what the help desk needs from them. */
const waitingForYou = (requests: api.CustomerRequest[]) => {
  const waiting = requests.filter((r) => r.currentStatus.status === 'Waiting for customer');
  return h(
    'section',
    { 'aria-labelledby': 'waiting-heading' },
    h('h2', { id: 'waiting-heading' }, t('statusWaitingForYou')),
    waiting.length === 0
      ? h('p', {}, t('nothingNeedsYou'))
      : h(
          'ul',
          { class: 'cards', 'aria-label': t('statusWaitingForYou') },
          waiting.map((r) =>
            h('li', {}, link(`/request/${encodeURIComponent(r.issueKey)}`, `${r.issueKey}: ${api.fieldValue(r, 'summary')}`), ' ', statusChip(r.currentStatus.status), h('br'), h('span', { class: 'meta' }, t('updated'), ' ', timeAgo((r.updatedDate ?? r.currentStatus.statusDate).iso8601))),
          ),
        ),
    h('p', {}, link('/requests', t('allMyRequests'))),
  );
};

/** The desk's description, as text: a long one is cut to a few lines on screen (CSS), whole in its tooltip and to screen readers. */
const deskAbout = (d: api.Desk) => (d.description ? h('p', { class: 'about', title: d.description }, d.description) : null);

export const desksPage = async () => {
  loading(t('helpCenter'));
  const [desks, open] = await Promise.all([api.myDesks(), api.listRequests({ status: 'OPEN_REQUESTS', limit: 50 })]);
  show(
    t('helpCenter'),
    waitingForYou(open.values),
    h('h2', {}, t('desks')),
    desks.values.length === 0
      ? h('p', {}, t('noDesks'))
      : h(
          'ul',
          { class: 'cards desks' },
          desks.values.map((d) => h('li', { class: 'desk' }, h('h3', {}, d.projectName), h('p', { class: 'meta' }, t('deskKey', { key: d.projectKey })), deskAbout(d), link(`/desk/${d.id}/create`, t('raiseOn', { desk: d.projectName })))),
        ),
  );
};

/** A declared field of the request type, as a form field of its kind (JSM's jiraSchema type). */
const declaredField = (f: api.RequestTypeField): HTMLElement | null => {
  const attrs = { ...(f.required ? { required: true } : {}) };
  const hint = f.description || undefined;
  if (f.fieldId === 'summary') return field(t('summary'), 'summary', { ...attrs, maxlength: '255' }, 'input', hint);
  if (f.fieldId === 'description') return field(t('description'), 'description', attrs, 'textarea', hint);
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
        h('span', {}, f.name, f.required ? requiredMark() : null),
        hint ? h('span', { class: 'hint' }, hint) : null,
        h('select', { id, name: f.fieldId, ...attrs }, h('option', { value: '' }, t('choose')), f.validValues.map((v) => h('option', { value: v.value }, v.label))),
      );
    }
    default:
      return null; // organizations: the "Share with" choice below
  }
};

/** What the form holds for the API: summary and description, each declared field of the chosen type, and the sharing. */
const fieldValues = (type: api.RequestType, data: FormData): Record<string, unknown> => {
  const values: Record<string, unknown> = {};
  for (const f of type.fields?.requestTypeFields ?? []) {
    const raw = String(data.get(f.fieldId) ?? '').trim();
    if (!raw && f.fieldId !== 'summary') continue;
    if (f.jiraSchema.type === 'number') values[f.fieldId] = Number(raw);
    else if (f.jiraSchema.type === 'option') values[f.fieldId] = { id: raw };
    else values[f.fieldId] = f.fieldId === 'summary' ? String(data.get('summary') ?? '') : raw;
  }
  const organizationId = String(data.get('organizationId') ?? '');
  if (organizationId) values.organizationId = organizationId;
  return values;
};

/** Each request type with its description and help text: the customer sees what each is for before choosing. */
const typeChoices = (types: api.RequestType[], chosen: string, onChoose: (id: string) => void) =>
  h(
    'fieldset',
    { class: 'choices' },
    h('legend', {}, t('whatHelp')),
    types.map((rt) => {
      const id = uniqueId(`type-${rt.id}`);
      const input = h('input', { type: 'radio', name: 'requestTypeId', id, value: rt.id, ...(rt.id === chosen ? { checked: true } : {}), onchange: () => onChoose(rt.id) });
      return h('label', { for: id, class: 'choice' }, input, h('span', {}, h('strong', {}, rt.name), rt.description ? h('span', { class: 'hint' }, h('br'), rt.description) : null, rt.helpText ? h('span', { class: 'hint' }, h('br'), rt.helpText) : null));
    }),
  );

/** "Share with": nobody else, or one of the customer's organizations linked to this desk (its members then see it). */
export const shareChoice = (organizations: api.Me['organizations'], deskId: string, chosen = '') => {
  const usable = organizations.filter((o) => o.serviceDeskIds.includes(deskId));
  if (usable.length === 0) return null;
  const id = uniqueId('organizationId');
  return h(
    'label',
    { for: id, 'data-label': t('shareWith') },
    h('span', {}, t('shareWith')),
    h('span', { class: 'hint' }, t('shareWithHint')),
    h('select', { id, name: 'organizationId' }, h('option', { value: '' }, t('shareWithNobody')), usable.map((o) => h('option', { value: o.id, ...(o.id === chosen ? { selected: true } : {}) }, o.name))),
  );
};

/** Raising a request on a desk. Its address may name the desk by key (`/desk/HELP/create`): it becomes the desk's id. */
export const createPage = async (deskRef: string) => {
  loading(t('raiseTitle'));
  const deskId = /^\d+$/.test(deskRef) ? deskRef : (await api.getDesk(deskRef)).id;
  if (deskId !== deskRef) history.replaceState(history.state, '', `${BASE}/desk/${encodeURIComponent(deskId)}/create`);
  const [types, me] = await Promise.all([api.requestTypes(deskId, true).then((p) => p.values), api.me()]);
  if (types.length === 0) return show(t('raiseTitle'), h('p', {}, t('noRequestTypes')));
  const fieldsOf = h('div', { class: 'declared' });
  let chosen = types[0]!;
  const choose = (id: string) => {
    chosen = types.find((rt) => rt.id === id) ?? chosen;
    fieldsOf.replaceChildren(...(chosen.fields?.requestTypeFields ?? []).map(declaredField).filter((e): e is HTMLElement => e !== null));
  };
  choose(chosen.id);
  show(
    t('raiseTitle'),
    requiredNote(),
    form(t('raiseTitle'), [typeChoices(types, chosen.id, choose), fieldsOf, shareChoice(me.organizations, deskId), filesField()], t('sendRequest'), async (data) => {
      const created = await api.createRequest({ serviceDeskId: deskId, requestTypeId: chosen.id, requestFieldValues: fieldValues(chosen, data) });
      // JSM's way: the request first, then its files attached to it with a comment.
      const files = filesOf(data);
      if (files.length > 0) await api.attachFiles(created.issueKey, await api.uploadFiles(deskId, files));
      go(`/request/${encodeURIComponent(created.issueKey)}?raised=1`);
    }),
  );
};
