/** The portal's page frame and the form pieces only the portal uses (files to attach, drafts kept across sessions). */
import { field, pageFrame } from '../../web/ui';

export * from '../../web/ui';
export const { show, loading } = pageFrame('Help center');

/** A field for files to attach (any number); the files chosen, from a submitted form. */
export const filesField = () => field('Attach files', 'files', { type: 'file', multiple: true });
export const filesOf = (data: FormData): File[] => data.getAll('files').filter((f): f is File => f instanceof File && f.name !== '');
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
