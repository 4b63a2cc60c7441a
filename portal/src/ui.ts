/** The pieces every page is built from: the page frame, forms and their fields, errors and loading states. */
import { h, type Attrs, type Child } from './dom';

const app = document.getElementById('app')!;

/** Replaces the page: its heading, its content, and the document's title. */
export const show = (title: string, ...content: Child[]) => {
  document.title = `${title} · Help center`;
  app.replaceChildren(h('h1', {}, title), ...content.filter((c): c is Node | string => Boolean(c)));
};

export const loading = (title: string) => show(title, h('p', { 'aria-busy': 'true' }, 'Loading…'));

export const errorBox = (error: unknown): HTMLElement =>
  h('div', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));

export const notice = (text: string): HTMLElement => h('p', { class: 'notice' }, text);

/** A form that keeps what was typed on an error and shows the API's message above its button. */
export const form = (label: string, fields: HTMLElement[], submitText: string, onSubmit: (data: FormData) => Promise<void>): HTMLFormElement => {
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, submitText) as HTMLButtonElement;
  const f = h('form', { 'aria-label': label, novalidate: true }, ...fields, status, button) as HTMLFormElement;
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    status.replaceChildren();
    try {
      await onSubmit(new FormData(f));
    } catch (error) {
      status.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  });
  return f;
};

let fieldCount = 0;
/** A fresh element id, so two forms on one page never share one. */
export const uniqueId = (name: string) => `f-${name}-${++fieldCount}`;

export const field = (labelText: string, name: string, attrs: Attrs = {}, kind: 'input' | 'textarea' = 'input') => {
  const id = uniqueId(name);
  return h('label', { for: id }, labelText, h(kind, { id, name, ...attrs }));
};

export const checkbox = (labelText: string, name: string, attrs: Attrs = {}) => {
  const id = uniqueId(name);
  return h('label', { for: id, class: 'check' }, h('input', { id, name, type: 'checkbox', ...attrs }), labelText);
};

/** A form value as text. */
export const str = (data: FormData, name: string) => String(data.get(name) ?? '');

export const queryParam = (name: string): string | undefined => new URLSearchParams(location.search).get(name) ?? undefined;

/**
 * Keeps what is typed in a form's field in this tab (sessionStorage) until `clear`: a session that ends, a reload or
 * a sign-in in between does not lose it.
 */
export const keepDraft = (container: HTMLElement, name: string, key: string) => {
  const input = container.querySelector<HTMLTextAreaElement | HTMLInputElement>(`[name="${name}"]`)!;
  const storageKey = `portal.draft.${key}`;
  input.value = sessionStorage.getItem(storageKey) ?? '';
  input.addEventListener('input', () => sessionStorage.setItem(storageKey, input.value));
  return { clear: () => sessionStorage.removeItem(storageKey) };
};
