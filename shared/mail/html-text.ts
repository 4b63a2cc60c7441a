/**
 * HTML-only mail as text: entities decoded (named, decimal, hex), block elements and `<br>` as line breaks, list items
 * as "- " or "1. " lines, block quotes as "> " lines (so quoted history can be recognised in text), tables one row a
 * line; head, style, script and comments dropped.
 */

/** Latin-1 (U+00A0-U+00FF) entity names in code point order. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para ' +
  'middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute ' +
  'Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute ' +
  'THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ' +
  'ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** The other entities mail clients write (typography, currency, arrows, maths). */
const OTHERS: Record<string, number> = {
  amp: 38, lt: 60, gt: 62, quot: 34, apos: 39, OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402,
  circ: 710, tilde: 732, ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207, ndash: 8211,
  mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222, dagger: 8224, Dagger: 8225,
  bull: 8226, hellip: 8230, permil: 8240, prime: 8242, Prime: 8243, lsaquo: 8249, rsaquo: 8250, euro: 8364, trade: 8482,
  larr: 8592, uarr: 8593, rarr: 8594, darr: 8595, harr: 8596, minus: 8722, le: 8804, ge: 8805, ne: 8800, asymp: 8776,
  infin: 8734, check: 10003, hearts: 9829, Alpha: 913, alpha: 945, beta: 946, gamma: 947, delta: 948, mu: 956, pi: 960,
};

const ENTITIES: Record<string, number> = {
  ...Object.fromEntries(LATIN1.split(' ').map((name, i) => [name, 0xa0 + i])),
  ...OTHERS,
};

const codePoint = (n: number): string => (n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd');

export const decodeEntities = (text: string): string =>
  text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec) return codePoint(Number(dec));
    if (hex) return codePoint(parseInt(hex, 16));
    const known = ENTITIES[name!] ?? ENTITIES[name!.toLowerCase()];
    return known === undefined ? whole : String.fromCodePoint(known);
  });

// Markers in the text while it is built; none of them can come from the HTML (control characters are dropped).
const QUOTE_OPEN = '\u0001';
const QUOTE_CLOSE = '\u0002';
const INDENT = '\u0003';

const BLOCK = /^(?:div|tr|table|tbody|thead|ul|ol|dl|dt|dd|h[1-6]|hr|pre|section|article|header|footer|address|center|form|fieldset)$/;

/** Text and tags in order, in one pass (a regex split backtracks on a long run of unclosed "<"). */
const pieces = (html: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < html.length; ) {
    const lt = html.indexOf('<', i);
    const gt = lt < 0 ? -1 : html.indexOf('>', lt);
    if (lt < 0 || gt < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, lt), html.slice(lt, gt + 1));
    i = gt + 1;
  }
  return out;
};

export const htmlToText = (html: string): string => {
  const cleaned = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  const out: string[] = [];
  const lists: Array<{ ordered: boolean; n: number }> = [];
  let pre = 0;
  const newline = (blank = false) => out.push(blank ? '\n\n' : '\n');
  for (const piece of pieces(cleaned)) {
    const tag = /^<(\/?)([A-Za-z][A-Za-z0-9]*)[^>]*>$/.exec(piece);
    if (!tag) {
      out.push(decodeEntities(pre > 0 ? piece : piece.replace(/\s+/g, ' ')));
      continue;
    }
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (name === 'br') newline();
    else if (name === 'p') newline(!/class\s*=\s*"?mso/i.test(piece));
    else if (name === 'blockquote') out.push(`\n${closing ? QUOTE_CLOSE : QUOTE_OPEN}\n`);
    else if (name === 'ul' || name === 'ol') {
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', n: 0 });
      // A nested list starts on its items' own lines; only the outermost one is set apart.
      if (lists.length === (closing ? 0 : 1)) newline();
    } else if (name === 'li' && !closing) {
      const list = lists[lists.length - 1];
      if (list) list.n += 1;
      out.push(`\n${INDENT.repeat(Math.max(0, lists.length - 1))}${list?.ordered ? `${list.n}. ` : '- '}`);
    } else if (name === 'td' || name === 'th') out.push(closing ? ' ' : '');
    else if (BLOCK.test(name)) {
      if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
      newline();
    }
  }
  let depth = 0;
  const lines: string[] = [];
  for (const line of out.join('').split('\n')) {
    if (line === QUOTE_OPEN || line === QUOTE_CLOSE) {
      depth = Math.max(0, depth + (line === QUOTE_OPEN ? 1 : -1));
      continue;
    }
    const text = line.replace(/\u00a0/g, ' ').trim().replace(new RegExp(INDENT, 'g'), '  ');
    lines.push(depth > 0 ? `${'> '.repeat(depth)}${text}`.trimEnd() : text);
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
};
