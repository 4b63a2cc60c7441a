/** The console's page frame, the shared form pieces (web/ui.ts), and what only staff pages use: tables, pagers, confirmations. */
import { h, type Child } from '../../web/dom';
import { pageFrame, uniqueId } from '../../web/ui';

export * from '../../web/ui';
export const { show, loading } = pageFrame('Staff console');

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

/** A live line where the outcome of an action is said (and heard). */
export const statusLine = (): HTMLElement => h('div', { role: 'status', class: 'status-line' });

/** Previous/next links over a JSM page; `at(start)` re-draws the list from there. */
export const pager = (page: { start: number; limit: number; size: number; isLastPage: boolean }, at: (start: number) => void): HTMLElement | null => {
  if (page.start === 0 && page.isLastPage) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    page.start > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => at(Math.max(0, page.start - page.limit)) }, 'Previous page') : null,
    h('span', {}, `${page.start + 1}–${page.start + page.size}`),
    page.isLastPage ? null : h('button', { type: 'button', class: 'secondary', onclick: () => at(page.start + page.limit) }, 'Next page'),
  );
};

/** A button that runs an action, says its outcome in `status`, and is disabled while it runs. */
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
    }
  });
  return button;
};
