/**
 * The inbound parser's rules one by one, below the corpus (test/mail-corpus.test.ts): single-byte charsets decoded by
 * our own tables whatever the runtime's TextDecoder does, undeclared 8-bit text detected, address lists that real
 * clients write, quoted history in the common languages, and the automatic-mail rule table kept in step with
 * docs/email-rules.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTOMATIC_MAIL_RULES } from '#domain/inbound-filters';
import { parseAddressList } from '#mail/addresses';
import { decodeText, detectCharset } from '#mail/charsets';
import { htmlToText } from '#mail/html-text';
import { stripQuotedHistory } from '#mail/quoted-history';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('single-byte charsets', () => {
  it.each([
    ['windows-1252', [0x80, 0x84, 0x93, 0x94, 0x96, 0x8a, 0x9f], '€„“”–ŠŸ'],
    ['ISO-8859-1', [0x80, 0x93, 0xe9], '€“é'], // mail labelled Latin-1 carries windows-1252's € and quotes
    ['us-ascii', [0x41, 0x80], 'A€'],
    ['windows-1250', [0x8c, 0xb9, 0xe6], 'Śąć'],
    ['windows-1251', [0xc0, 0xff, 0x88], 'Ая€'],
    ['windows-1253', [0xc1, 0xe1], 'Αα'],
    ['windows-1254', [0xd0, 0xfd], 'Ğı'],
    ['windows-1255', [0xe0, 0xfa], 'את'],
    ['windows-1256', [0xc7, 0xe3], 'ام'],
    ['windows-1257', [0xc0, 0xe8], 'Ąč'],
    ['windows-1258', [0xc3, 0xf5], 'Ăơ'],
    ['cp1252', [0x80], '€'],
    ['x-cp1250', [0x8a], 'Š'],
    ['iso-8859-2', [0xb1, 0xe6], 'ąć'],
    ['iso_8859-5', [0xb0, 0xef], 'Ая'],
    ['ISO-8859-7', [0xc1, 0xe1], 'Αα'],
    ['iso-8859-15', [0xa4, 0xbd], '€œ'],
    ['latin2', [0xb1], 'ą'],
    ['koi8-r', [0xc1, 0xe1], 'аА'],
    ['KOI8-U', [0xa4], 'є'],
  ])('%s decodes by our own table', (label, input, text) => {
    expect(decodeText(bytes(...input), label)).toBe(text);
  });

  it('never asks the runtime for a single-byte decoder (Node mis-decodes windows-1252 in some versions)', () => {
    const Original = globalThis.TextDecoder;
    const labels: string[] = [];
    // Fault injection: a runtime whose TextDecoder decodes windows-1252 as Latin-1, as affected Node versions do.
    const spy = jest.spyOn(globalThis, 'TextDecoder').mockImplementation(((label?: string, options?: { fatal?: boolean }) => {
      labels.push(String(label));
      return new Original(/1252|8859-1|latin1/i.test(String(label)) ? 'utf-16le' : label, options);
    }) as never);
    try {
      expect(decodeText(bytes(0x80, 0x96), 'windows-1252')).toBe('€–');
      expect(decodeText(bytes(0x80), 'iso-8859-1')).toBe('€');
      expect(labels.filter((l) => /1252|8859|koi8/i.test(l))).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('undeclared 8-bit text', () => {
  it.each([
    ['GB2312 Chinese', Buffer.from('zt63qLXHwrzDxbun', 'base64'), 'gbk'],
    ['Shift_JIS Japanese', Buffer.from('g3CDWIOPgVuDaILwllmC6oLcgrWCvQ==', 'base64'), 'shift_jis'],
    ['UTF-8', Buffer.from('Grüße aus München', 'utf8'), 'utf-8'],
    ['Latin-1 French', Buffer.from('Caf\xe9 cr\xe8me, d\xe9tail', 'latin1'), 'windows-1252'],
    ['Latin-1 German, accents before letters', Buffer.from('Gr\xfc\xdfe, M\xfcller', 'latin1'), 'windows-1252'],
  ])('%s is detected', (_what, input, charset) => {
    expect(detectCharset(new Uint8Array(input))).toBe(charset);
  });

  it('an unknown label falls back to detection', () => {
    expect(decodeText(new Uint8Array(Buffer.from('Grüße', 'utf8')), 'x-unknown')).toBe('Grüße');
  });
});

describe('address lists as clients write them', () => {
  it.each([
    ['German Outlook "Last, First" as one encoded word', '=?iso-8859-1?Q?B=FCrling,=20Andreas?= <a.buerling@example.com>', [{ name: 'Bürling, Andreas', address: 'a.buerling@example.com' }]],
    ['a quoted name with a comma', '"Customer, Ada" <ada@example.com>, bob@example.com', [{ name: 'Customer, Ada', address: 'ada@example.com' }, { name: '', address: 'bob@example.com' }]],
    ['a name in a comment', 'ada@example.com (Ada Customer)', [{ name: 'Ada Customer', address: 'ada@example.com' }]],
    ['a group', 'Team: a@example.com, b@example.com;, c@example.com', [{ name: '', address: 'a@example.com' }, { name: '', address: 'b@example.com' }, { name: '', address: 'c@example.com' }]],
    ['an empty group', 'undisclosed-recipients:;', []],
    ['two encoded words of one name', '=?utf-8?Q?J=C3=BCrgen?= =?utf-8?Q?_M=C3=BCller?= <jm@example.com>', [{ name: 'Jürgen Müller', address: 'jm@example.com' }]],
  ])('%s', (_what, value, mailboxes) => {
    expect(parseAddressList(value)).toEqual(mailboxes);
  });
});

describe('quoted history', () => {
  it.each([
    ['Spanish', 'Ya funciona.\n\nEl mar, 24 nov 2026 a las 10:30, Help desk (<no-reply@x.example>) escribió:\n> ¿Sigue ardiendo?'],
    ['Italian', 'Ya funciona.\n\nIl giorno mar 24 nov 2026 alle ore 10:30 Help desk ha scritto:\n> Brucia ancora?'],
    ['Dutch', 'Ya funciona.\n\nOp di 24 nov. 2026 om 10:30 schreef Help desk <no-reply@x.example>:\n> Brandt het nog?'],
    ['Polish', 'Ya funciona.\n\nW dniu 24.11.2026 o 10:30, Help desk pisze:\n> Czy nadal się pali?'],
    ['Russian', 'Ya funciona.\n\n24.11.2026 10:30, Help desk пишет:\n> Всё ещё горит?'],
    ['Chinese', 'Ya funciona.\n\n在 2026年11月24日 10:30，Help desk 写道：\n> 还在燃烧吗？'],
    ['Japanese', 'Ya funciona.\n\n2026年11月24日(火) 10:30 Help desk <no-reply@x.example>:\n> まだ燃えていますか？'],
  ])('%s: the reply keeps what the customer wrote', (_language, text) => {
    expect(stripQuotedHistory(text)).toBe('Ya funciona.');
  });

  it("keeps the customer's own sentence that merely ends in a colon", () => {
    expect(stripQuotedHistory('Jeg skrev til jer om følgende:\nPrinteren virker ikke.')).toBe('Jeg skrev til jer om følgende:\nPrinteren virker ikke.');
  });
});

it('HTML to text keeps nested lists and quotes readable', () => {
  expect(htmlToText('<p>Steps:</p><ol><li>Open<ul><li>the lid</li></ul></li><li>Close</li></ol><blockquote>old &lt;text&gt;</blockquote>')).toBe(
    'Steps:\n\n1. Open\n  - the lid\n2. Close\n\n> old <text>',
  );
});

it('docs/email-rules.md lists every automatic-mail rule, in the order they apply', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'email-rules.md'), 'utf8');
  const positions = AUTOMATIC_MAIL_RULES.map((rule) => doc.indexOf(`| ${rule.name} |`));
  expect(positions.filter((p) => p < 0)).toEqual([]);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
});
