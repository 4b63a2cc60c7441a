/** Building the page: elements made from data, text always set as text (never HTML). */
export type Attrs = Record<string, string | boolean | ((event: Event) => void)>;
export type Child = Node | string | null | undefined | false;

/** Builds an element; text is always set as text, never as HTML. */
export const h = (tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement => {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false) el.setAttribute(name, value);
  }
  for (const child of children.flat()) if (child) el.append(child);
  return el;
};
