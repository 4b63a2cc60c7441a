/**
 * Address lists (From, Sender, Reply-To, To, Cc) into mailboxes. Tokenized before encoded words are decoded, and an
 * encoded word is one token even when it holds a comma: German Outlook writes "Last, First" as
 * `=?iso-8859-1?Q?B=FCrling,=20Andreas?= <a@example.com>`, which a split at commas turns into two half-mailboxes.
 */
import { decodeWords } from './headers';

export interface Mailbox {
  name: string;
  /** As written (trimmed); checked for validity where it is used. */
  address: string;
}

type Token = { kind: 'word' | 'quoted' | 'comment' | 'angle'; text: string } | { kind: 'special'; text: ',' | ';' | ':' };

const ENCODED_WORD_AT = /^=\?[^?\s]+\?[QqBb]\?[^?]*?\?=/;

const tokenize = (value: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"') {
      let text = '';
      for (i += 1; i < value.length && value[i] !== '"'; i += 1) text += value[i] === '\\' ? (value[++i] ?? '') : value[i];
      tokens.push({ kind: 'quoted', text });
      i += 1;
    } else if (c === '(') {
      let depth = 1;
      let text = '';
      for (i += 1; i < value.length && depth > 0; i += 1) {
        const d = value[i]!;
        if (d === '(') depth += 1;
        if (d === ')') depth -= 1;
        if (d === '\\') text += value[++i] ?? '';
        else if (depth > 0) text += d;
      }
      tokens.push({ kind: 'comment', text });
    } else if (c === '<') {
      const close = value.indexOf('>', i);
      const end = close < 0 ? value.length : close;
      tokens.push({ kind: 'angle', text: value.slice(i + 1, end) });
      i = end + 1;
    } else if (c === ',' || c === ';' || c === ':') {
      tokens.push({ kind: 'special', text: c });
      i += 1;
    } else {
      const word = ENCODED_WORD_AT.exec(value.slice(i))?.[0] ?? /^[^\s"(<,;:]+/.exec(value.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    }
  }
  return tokens;
};

/** One mailbox from its tokens: the address in angle brackets, or the bare word with an @; the rest is the name. */
const mailboxOf = (tokens: Token[]): Mailbox | undefined => {
  const angle = tokens.find((t) => t.kind === 'angle');
  const phrase = tokens.filter((t) => t.kind === 'word' || t.kind === 'quoted');
  const comment = tokens.find((t) => t.kind === 'comment')?.text ?? '';
  // A source route (`<@relay:user@example.com>`) keeps only the mailbox.
  const address = angle ? angle.text.replace(/^(?:@[^:]*:)/, '').trim() : (phrase.find((t) => t.text.includes('@'))?.text ?? '');
  const nameTokens = angle ? phrase : phrase.filter((t) => !t.text.includes('@'));
  const name = decodeWords(nameTokens.map((t) => t.text).join(' ')).replace(/\s+/g, ' ').trim() || decodeWords(comment).trim();
  return address || name ? { name, address } : undefined;
};

/**
 * The mailboxes of an address list, groups (`team: a@x, b@y;`) flattened. A ':' before any angle bracket opens a
 * group; inside it, mailboxes are split at commas until the ';'.
 */
export const parseAddressList = (value: string | undefined): Mailbox[] => {
  if (!value) return [];
  const mailboxes: Mailbox[] = [];
  let current: Token[] = [];
  const flush = () => {
    const box = mailboxOf(current);
    if (box) mailboxes.push(box);
    current = [];
  };
  for (const token of tokenize(value)) {
    if (token.kind === 'special') {
      // A group's display name is not a mailbox.
      if (token.text === ':' && !current.some((t) => t.kind === 'angle')) current = [];
      else flush();
    } else current.push(token);
  }
  flush();
  return mailboxes;
};
