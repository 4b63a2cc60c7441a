/** Parts of an organization's page: its properties, its email domains with their dry run, and its deletion with progress. */
import { h } from '../../../web/dom';
import type { EmailDomains, Organization } from '../api';
import { deleteOrganizationStep, deleteProperty, getDomains, getProperty, propertyKeys, setDomains, setProperty } from '../api-organizations';
import { go } from '../router';
import { actionButton, checkbox, field, flash, form, refill, statusLine, str, table } from '../ui';

/** The properties (key and JSON value), each removable, and a form to set one. */
export const propertiesPart = async (org: Organization): Promise<HTMLElement> => {
  const box = h('div', {});
  const status = statusLine();
  const draw = async () => {
    const { keys } = await propertyKeys(org.id);
    const values = await Promise.all(keys.map(({ key }) => getProperty(org.id, key)));
    refill(
      box,
      values.length === 0
        ? h('p', {}, 'No properties.')
        : table(
            `Properties of ${org.name}`,
            ['Key', 'Value', ''],
            values.map((p) => [
              p.key,
              h('code', {}, JSON.stringify(p.value)),
              actionButton('Remove', status, async () => (await deleteProperty(org.id, p.key), await draw(), `Property ${p.key} removed.`), { class: 'secondary', 'aria-label': `Remove property ${p.key}` }),
            ]),
          ),
    );
  };
  await draw();
  const setter = form(
    'Set a property',
    [field('Key', 'key', { required: true, maxlength: '255', autocomplete: 'off' }), field('Value (JSON)', 'value', { required: true, rows: '3' }, 'textarea', 'For example "gold", 42 or {"tier": "gold"}; at most 32 KB.')],
    'Set property',
    async (data) => {
      let value: unknown;
      try {
        value = JSON.parse(str(data, 'value'));
      } catch {
        throw new Error('The value is not JSON: put text in double quotes, like "gold".');
      }
      await setProperty(org.id, str(data, 'key').trim(), value);
      setter.reset();
      await draw();
      status.replaceChildren(h('p', { class: 'notice' }, `Property ${str(data, 'key').trim()} set.`));
    },
  );
  return h('div', {}, status, box, setter);
};

const preview = (answer: EmailDomains) =>
  h(
    'div',
    { class: 'preview' },
    h('p', {}, answer.dryRun ? 'Dry run: nothing changed. ' : 'Applied. ', answer.domains.length === 0 ? 'No domains: new customers join no organization by their address.' : `Domains: ${answer.domains.join(', ')}.`),
    answer.backfill || answer.dryRun
      ? answer.matched.length === 0
        ? h('p', {}, answer.backfill ? 'No existing account would join.' : 'Only new customers of these domains would join (existing accounts are added with “also add existing accounts”).')
        : table(answer.dryRun ? 'Existing accounts that would join' : 'Existing accounts that joined', ['Account', 'Email'], answer.matched.map((m) => [m.accountId, m.emailAddress ?? '—']), { hideCaption: false })
      : null,
  );

/** The email domains: preview (a dry run) first; Apply becomes possible once the previewed domains are unchanged. */
export const domainsPart = async (org: Organization): Promise<HTMLElement> => {
  // The form works without the current domains; when they cannot be read, it says so instead of showing none.
  const current = await getDomains(org.id).catch((error: Error) => error);
  const domains = current instanceof Error ? [] : current.domains;
  const result = h('div', { role: 'status' });
  let previewed: string | null = null;
  const parse = (data: FormData) => [...new Set(str(data, 'domains').split(/[\s,;]+/).map((d) => d.trim().toLowerCase()).filter(Boolean))];
  const apply = h('button', { type: 'button', disabled: true }, 'Apply') as HTMLButtonElement;
  const f = form(
    'Email domains',
    [
      field('Domains', 'domains', { rows: '2', autocomplete: 'off' }, 'textarea', 'New customers whose address is at one of these (at most 10) join this organization. Separate them with commas.'),
      checkbox('Also add existing accounts of these domains', 'backfill'),
    ],
    'Preview (dry run)',
    async (data) => {
      const answer = await setDomains(org.id, parse(data), { dryRun: true, backfill: data.has('backfill') });
      previewed = JSON.stringify([parse(data), data.has('backfill')]);
      apply.disabled = false;
      result.replaceChildren(preview(answer));
    },
  );
  (f.querySelector('[name="domains"]') as HTMLTextAreaElement).value = domains.join(', ');
  f.addEventListener('input', () => (apply.disabled = previewed !== JSON.stringify([parse(new FormData(f)), new FormData(f).has('backfill')])));
  apply.addEventListener('click', async () => {
    const data = new FormData(f);
    try {
      result.replaceChildren(preview(await setDomains(org.id, parse(data), { dryRun: false, backfill: data.has('backfill') })));
      apply.disabled = true;
      previewed = null;
    } catch (error) {
      result.replaceChildren(h('div', { class: 'error', role: 'alert' }, (error as Error).message));
    }
  });
  f.append(apply);
  return h('div', {}, current instanceof Error ? h('div', { class: 'error', role: 'alert' }, `The current domains could not be read: ${current.message}`) : null, f, result);
};

/** Deleting: a typed confirmation, then DELETE until done; a large organization takes several steps, each shown. */
export const deletePart = (org: Organization): HTMLElement => {
  const progress = h('div', { role: 'status' });
  const f = form('Delete the organization', [field(`Type ${org.name} to confirm`, 'confirm', { required: true, autocomplete: 'off' }, 'input', 'Its members lose the access that came through it. This cannot be undone.')], 'Delete organization', async (data) => {
    if (str(data, 'confirm').trim() !== org.name) throw new Error(`Type ${org.name} exactly to delete it.`);
    let removed = 0;
    const bar = h('progress', { 'aria-label': `Deleting ${org.name}` });
    const said = h('p', {}, 'Deleting…');
    progress.replaceChildren(bar, said);
    for (let step = 0; step < 1000; step += 1) {
      const answer = await deleteOrganizationStep(org.id);
      if (!answer) break;
      removed += answer.removed;
      said.textContent = `Deleting… ${removed} memberships and links removed so far.`;
    }
    flash(`${org.name} is deleted${removed > 0 ? ` (${removed} memberships and links removed along the way)` : ''}.`);
    go('/organizations');
  });
  f.querySelector('button[type="submit"]')?.classList.add('danger');
  return h('div', {}, f, progress);
};
