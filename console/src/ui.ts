/** The console's page frame, the shared form pieces (web/ui.ts), and what only staff pages use: tables, pagers, confirmations. */
import { h, type Child } from '../../web/dom';
import { errorBox, pageFrame, queryParam, selectField, uniqueId } from '../../web/ui';
import { go, link } from './router';

export * from '../../web/ui';
const frame = pageFrame('Staff console');
export const { loading } = frame;

let flashed: string | null = null;
/** A sentence the next page shows on top (the outcome of the action that re-drew it). */
export const flash = (text: string) => {
  flashed = text;
};

/** Replaces the page (web/ui.ts pageFrame), with the flashed outcome on top. */
export const show: typeof frame.show = (title, ...content) => {
  const said = flashed ? h('p', { class: 'notice', role: 'status', tabindex: '-1' }, flashed) : null;
  flashed = null;
  frame.show(title, said, ...content);
  // The page was re-drawn by an action: the keyboard goes on from its outcome, not from the top of the document.
  said?.focus();
};

/** A table with a caption (read first by screen readers; visible or not); each cell carries its column's name for phone widths. */
export const table = (caption: string, columns: string[], rows: Child[][], { hideCaption = true } = {}): HTMLElement =>
  h(
    'table',
    { class: 'list' },
    h('caption', hideCaption ? { class: 'visually-hidden' } : {}, caption),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell, i) => h('td', { 'data-label': columns[i] ?? '' }, cell))))),
  );

/** A titled part of a page, a landmark named by its heading. */
export const section = (title: string, ...content: (Child | Child[])[]): HTMLElement => {
  const id = uniqueId('section');
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...content.flat());
};

/** Replaces what `box` holds (null and false children are left out). */
export const refill = (box: HTMLElement, ...children: Child[]) => box.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));

/** A part of a page that could not be read says why in its place, and the rest of the page still shows. */
export const orProblem = (part: Promise<HTMLElement>): Promise<HTMLElement> => part.catch((error: unknown) => errorBox(error));

/** A live line where the outcome of an action is said (and heard). */
export const statusLine = (): HTMLElement => h('div', { role: 'status', class: 'status-line', tabindex: '-1' });

/** The address of a list page with its filters (empty ones left out), so a filtered list can be bookmarked and Back returns to it. */
export const addressOf = (path: string, params: Record<string, string | number | undefined>): string => {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '' && value !== 0) q.set(name, String(value));
  const text = q.toString();
  return `${path}${text ? `?${text}` : ''}`;
};

/** Where a list starts, from the address. */
export const startParam = (): number => Math.max(0, Number(queryParam('start')) || 0);

/** Previous/next links over a JSM page; `at(start)` is the address of the page starting there. */
export const pager = (page: { start: number; limit: number; size: number; isLastPage: boolean }, at: (start: number) => string): HTMLElement | null => {
  if (page.start === 0 && page.isLastPage) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    page.start > 0 ? link(at(Math.max(0, page.start - page.limit)), 'Previous page') : null,
    h('span', {}, `${page.start + 1}–${page.start + page.size}`),
    page.isLastPage ? null : link(at(page.start + page.limit), 'Next page'),
  );
};

/** A drop-down that filters a list page: Show goes to `path` with the choice in the address. */
export const choiceFilter = (label: string, name: string, options: [string, string][], chosen: string, path: string): HTMLFormElement => {
  const f = h('form', { class: 'filters', 'aria-label': label }, selectField('Show', name, options, chosen), h('button', { type: 'submit' }, 'Show')) as HTMLFormElement;
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    go(addressOf(path, { [name]: String(new FormData(f).get(name) ?? '') }));
  });
  return f;
};

/** Previous/next buttons for a list re-drawn in place (a part of a page, not the page): `at(start)` draws that page. */
export const partPager = (page: { start: number; limit: number; size: number; isLastPage: boolean }, what: string, at: (start: number) => void): HTMLElement | null => {
  if (page.start === 0 && page.isLastPage) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': `Pages of ${what}` },
    page.start > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => at(Math.max(0, page.start - page.limit)) }, 'Previous') : null,
    h('span', {}, `${page.start + 1}–${page.start + page.size}`),
    page.isLastPage ? null : h('button', { type: 'button', class: 'secondary', onclick: () => at(page.start + page.limit) }, 'Next'),
  );
};

/** A button that runs an action, says its outcome (or failure) in `status`, and is disabled while it runs. */
export const actionButton = (text: string, status: HTMLElement, action: () => Promise<string | void>, attrs: Record<string, string> = {}): HTMLButtonElement => {
  const button = h('button', { type: 'button', ...attrs }, text) as HTMLButtonElement;
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.replaceChildren();
    try {
      const said = await action();
      if (said) status.replaceChildren(h('p', { class: 'notice' }, said));
    } catch (error) {
      status.replaceChildren(h('div', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
    } finally {
      button.disabled = false;
      // A list re-drawn by the action took the button away: the keyboard goes on from the outcome.
      if (!button.isConnected) status.focus();
    }
  });
  return button;
};
