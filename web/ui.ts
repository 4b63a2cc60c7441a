/** The pieces every page of the portal and the console is built from: the page frame, forms and their fields, errors and loading states. */
import { h, type Attrs, type Child } from './dom';
import { words } from './words';

/**
 * Whether the first page is drawn: a page loaded from its address starts where the browser starts (the skip link
 * first); every page change after it moves the focus to the new page's heading and announces it (`#announcer`, a
 * live region, when the app's index.html has one).
 */
let settled = false;
export const settle = () => {
  settled = true;
};

/** The new page's heading takes the focus (so the keyboard and a screen reader start there), and its title is announced. */
const arrived = () => {
  const heading = document.querySelector<HTMLElement>('#app h1');
  heading?.focus();
  const announcer = document.getElementById('announcer');
  if (!announcer) return;
  announcer.textContent = '';
  // A change of text is what a live region announces: cleared first, so the same title twice is said twice.
  setTimeout(() => (announcer.textContent = document.title), 50);
};

/** The focus to the page's heading without changing the address (the skip link). */
export const focusHeading = () => document.querySelector<HTMLElement>('#app h1')?.focus();

/**
 * The page frame of an app whose index.html has `#app`: `show` replaces the page, its heading (which takes the focus
 * after a page change) and the document's title ("<title> · <appName>", or the app's name alone on its home page);
 * "Loading…" is said by assistive technology.
 */
export const pageFrame = (appName: string | (() => string)) => {
  const app = document.getElementById('app')!;
  const show = (title: string, ...content: (Child | Child[])[]) => {
    const name = typeof appName === 'string' ? appName : appName();
    // The app's home page is titled by the app's name alone, not twice.
    document.title = title === name ? name : `${title} · ${name}`;
    app.replaceChildren(h('h1', { tabindex: '-1' }, title), ...content.flat().filter((c): c is Node | string => Boolean(c)));
    if (settled) arrived();
  };
  const loading = (title: string) => show(title, h('p', { role: 'status', 'aria-busy': 'true' }, words.loading));
  return { show, loading };
};

export const errorBox = (error: unknown): HTMLElement =>
  h('div', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));

/** A success, said politely by assistive technology (a live region). */
export const notice = (text: string, ...more: Child[]): HTMLElement => h('p', { class: 'notice', role: 'status' }, text, ...more);

/** The API's wording of a validation problem ("must be at least 1 characters"), said plainly with the field's label. */
const plainly = (label: string, problem: string): string => {
  if (/^must be at least 1 characters?$|^is required$|^Required$/.test(problem)) return words.fieldEmpty(label);
  const tooLong = /^must be at most (\d+) characters?$/.exec(problem);
  if (tooLong) return words.fieldTooLong(label, tooLong[1]!);
  const tooShort = /^must be at least (\d+) characters?$/.exec(problem);
  if (tooShort) return words.fieldTooShort(label, tooShort[1]!);
  return words.fieldInvalid(label, problem);
};

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

/** Empty required fields and too short ones (`minlength`), each said next to itself by its label; the first one takes the focus. */
const missingFields = (f: HTMLFormElement): boolean => {
  const fields = [...f.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[required], [minlength]')].filter((i) => i.type !== 'checkbox');
  const problems = fields.flatMap((input) => {
    const min = Number(input.getAttribute('minlength') ?? 0);
    if (input.required && !input.value.trim()) return [{ input, text: words.fieldEmpty(labelOf(f, input.name)) }];
    if (input.value !== '' && input.value.length < min) return [{ input, text: words.fieldTooShort(labelOf(f, input.name), String(min)) }];
    return [];
  });
  for (const { input, text } of problems) fieldError(f, input.name, text);
  problems[0]?.input.focus();
  return problems.length > 0;
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
    placed = fieldError(f, name, plainly(labelOf(f, name), rest.join(' '))) && placed;
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
export const requiredMark = () => h('span', { class: 'req', 'aria-hidden': 'true' }, ' *');

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

