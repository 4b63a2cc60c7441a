/** The pieces every page of the portal and the console is built from: the page frame, forms and their fields, errors and loading states. */
import { h, type Attrs, type Child } from './dom';

/** The page frame of an app whose index.html has `#app`: `show` replaces the page, its heading and the document's title ("<title> · <appName>"). */
export const pageFrame = (appName: string) => {
  const app = document.getElementById('app')!;
  const show = (title: string, ...content: (Child | Child[])[]) => {
    document.title = `${title} · ${appName}`;
    app.replaceChildren(h('h1', {}, title), ...content.flat().filter((c): c is Node | string => Boolean(c)));
  };
  const loading = (title: string) => show(title, h('p', { 'aria-busy': 'true' }, 'Loading…'));
  return { show, loading };
};

export const errorBox = (error: unknown): HTMLElement =>
  h('div', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));

export const notice = (text: string): HTMLElement => h('p', { class: 'notice' }, text);

/** The API's wording of a validation problem, said plainly. */
const plainly = (problem: string) => problem.replace(/^must be at least 1 characters?$/, 'cannot be empty').replace(/^is required$/, 'cannot be empty');

/** Shows `text` under the form's field `name` (its label's own error line); false when the form has no such field. */
const fieldError = (f: HTMLFormElement, name: string, text: string): boolean => {
  const input = f.querySelector<HTMLElement>(`[name="${name}"]`);
  const label = input && f.querySelector<HTMLElement>(`label[for="${input.id}"]`);
  if (!input || !label) return false;
  const line = label.querySelector('.field-error') ?? label.appendChild(h('span', { class: 'field-error', id: `${input.id}-error` }));
  line.textContent = text;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', `${input.id}-error`);
  return true;
};

const clearFieldErrors = (f: HTMLFormElement) => {
  f.querySelectorAll('.field-error').forEach((e) => e.remove());
  f.querySelectorAll('[aria-invalid]').forEach((e) => (e.removeAttribute('aria-invalid'), e.removeAttribute('aria-describedby')));
};

const labelOf = (f: HTMLFormElement, name: string) => f.querySelector<HTMLElement>(`label[for="${f.querySelector(`[name="${name}"]`)?.id}"]`)?.dataset.label ?? name;

/** Empty required fields, each said next to itself by its label; the first one takes the focus. */
const missingFields = (f: HTMLFormElement): boolean => {
  const missing = [...f.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[required]')].filter((i) => i.type !== 'checkbox' && !i.value.trim());
  for (const input of missing) fieldError(f, input.name, `${labelOf(f, input.name)} cannot be empty.`);
  missing[0]?.focus();
  return missing.length > 0;
};

/**
 * The API's field problems ("Invalid request body: requestFieldValues.summary must be ...") next to their fields, in
 * the field's own words; true when every problem found its field.
 */
const placeFieldProblems = (f: HTMLFormElement, message: string): boolean => {
  const match = /^Invalid request body: (.+)$/.exec(message);
  if (!match) return false;
  let placed = true;
  for (const problem of match[1]!.split('; ')) {
    const [path = '', ...rest] = problem.split(' ');
    const name = path.split('.').pop() ?? '';
    placed = fieldError(f, name, `${labelOf(f, name)} ${plainly(rest.join(' '))}.`) && placed;
  }
  (f.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  return placed;
};

/**
 * A form that keeps what was typed on an error: empty required fields and the API's field problems are shown next
 * to their fields, anything else above the button.
 */
export const form = (label: string, fields: (HTMLElement | null)[], submitText: string, onSubmit: (data: FormData) => Promise<void>): HTMLFormElement => {
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, submitText) as HTMLButtonElement;
  const f = h('form', { 'aria-label': label, novalidate: true }, ...fields, status, button) as HTMLFormElement;
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.replaceChildren();
    clearFieldErrors(f);
    if (missingFields(f)) return;
    button.disabled = true;
    try {
      await onSubmit(new FormData(f));
    } catch (error) {
      if (!(error instanceof Error && placeFieldProblems(f, error.message))) status.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  });
  return f;
};

let fieldCount = 0;
/** A fresh element id, so two forms on one page never share one. */
export const uniqueId = (name: string) => `f-${name}-${++fieldCount}`;

/** A required field's label carries a visible mark; assistive technology hears `required` from the field itself. */
const requiredMark = () => h('span', { class: 'req', 'aria-hidden': 'true' }, ' *');

export const field = (labelText: string, name: string, attrs: Attrs = {}, kind: 'input' | 'textarea' = 'input', hint?: string) => {
  const id = uniqueId(name);
  return h(
    'label',
    { for: id, 'data-label': labelText },
    h('span', {}, labelText, attrs.required ? requiredMark() : null),
    hint ? h('span', { class: 'hint' }, hint) : null,
    h(kind, { id, name, ...attrs }),
  );
};

/** A labelled drop-down of [value, text] options, `chosen` selected. */
export const selectField = (label: string, name: string, options: [string, string][], chosen: string) => {
  const id = uniqueId(name);
  return h('label', { for: id }, label, h('select', { id, name }, options.map(([value, text]) => h('option', { value, ...(value === chosen ? { selected: true } : {}) }, text))));
};

export const checkbox = (labelText: string, name: string, attrs: Attrs = {}) => {
  const id = uniqueId(name);
  return h('label', { for: id, class: 'check' }, h('input', { id, name, type: 'checkbox', ...attrs }), labelText);
};

/** A form value as text. */
export const str = (data: FormData, name: string) => String(data.get(name) ?? '');

export const queryParam = (name: string): string | undefined => new URLSearchParams(location.search).get(name) ?? undefined;

