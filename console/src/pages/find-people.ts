/** Admins: find people in the directory by a name or email prefix, and act on one (add to a desk, to an organization). */
import { h } from '../../../web/dom';
import type { DirectoryEntry } from '../api';
import { searchDirectory } from '../api-directory';
import { actionButton, table, uniqueId } from '../ui';

/** `add` adds the person and answers the sentence that says so (shown in `status`). */
export const findPeople = (status: HTMLElement, actionText: string, add: (person: DirectoryEntry) => Promise<string>) => {
  const id = uniqueId('find');
  const results = h('div', {});
  const finder = h(
    'form',
    { class: 'inline', role: 'search', 'aria-label': 'Find people' },
    h('label', { for: id }, 'Name or email starts with', h('input', { id, name: 'q', type: 'search', required: true })),
    h('button', { type: 'submit' }, 'Find'),
  ) as HTMLFormElement;
  finder.addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = String(new FormData(finder).get('q') ?? '').trim();
    if (!q) return;
    try {
      const page = await searchDirectory({ query: q, status: 'active' });
      results.replaceChildren(
        page.values.length === 0
          ? h('p', { role: 'status' }, 'Nobody active matches.')
          : table(
              'People found',
              ['Name', 'Email', ''],
              page.values.map((person) => [
                person.displayName,
                person.emailAddress ?? '—',
                actionButton(actionText, status, () => add(person), { 'aria-label': `${actionText} ${person.displayName || person.emailAddress}` }),
              ]),
            ),
      );
    } catch (error) {
      results.replaceChildren(h('div', { class: 'error', role: 'alert' }, (error as Error).message));
    }
  });
  return h('div', {}, finder, results);
};
