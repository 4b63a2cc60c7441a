/**
 * The checks an inbound message passes before anyone looks at its sender's account (docs/email-rules.md, in this
 * order): size, SES verdicts, then the automatic-mail rules below, for new mail and replies alike. Refused and
 * ignored messages are never answered.
 */
import type { InboundMessage } from '#mail/inbound';
import { LOOP_HEADER } from '#mail/ses';

export type Verdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';
export interface Verdicts {
  spam: Verdict;
  virus: Verdict;
  spf: Verdict;
  dkim: Verdict;
  dmarc: Verdict;
}

/** SES's own limit for a received message is 40 MB; ours for a request is 10 MB. */
export const MAX_INBOUND_BYTES = 10 * 1024 * 1024;

export interface Refusal {
  outcome: 'rejected' | 'ignored';
  reason: string;
}

export const sizeRefusal = (size: number): Refusal | undefined =>
  size > MAX_INBOUND_BYTES ? { outcome: 'rejected', reason: `message too large (${size} bytes; at most ${MAX_INBOUND_BYTES})` } : undefined;

export const verdictRefusal = (verdicts: Verdicts): Refusal | undefined => {
  const failed = (['spam', 'virus', 'spf', 'dkim', 'dmarc'] as const).find((name) => verdicts[name] === 'FAIL');
  return failed ? { outcome: 'rejected', reason: `SES ${failed} verdict FAIL` } : undefined;
};

/** What the rules look at besides the message: who it is from, and the envelope sender SES saw (`mail.source`). */
export interface Envelope {
  /** The resolved sender address ('' when none), lower-cased. */
  sender: string;
  /** SES's `mail.source`: '' (or '<>') for `MAIL FROM:<>`; undefined when unknown. */
  source?: string | undefined;
  /** The sender's or a From address when it is ours (our sending address, a desk's address): a loop. */
  ownAddress?: string | undefined;
}

const OUT_OF_OFFICE_SUBJECT = new RegExp(
  '^(?:' +
    [
      'automatic reply', 'auto(?:matic)?[- ]?reply', 'auto[- ]?response', 'out of (?:the )?office', 'vacation(?: reply| response)?',
      'abwesenheitsnotiz', 'automatische antwort', 'abwesend', // German
      'réponse automatique', "absent(?:e)? du bureau", "message d'absence", // French
      'respuesta automática', 'fuera de la oficina', // Spanish
      'risposta automatica', "fuori (?:sede|ufficio)", // Italian
      'automatisch antwoord', 'afwezig', // Dutch
      'resposta automática', 'ausente do escritório', // Portuguese
      'autosvar', 'automatiskt svar', // Swedish, Danish, Norwegian
      'automaattinen vastaus', // Finnish
      'automatyczna odpowiedź', // Polish
      'automatická odpověď', // Czech
      'otomatik yanıt', // Turkish
      'автоматический ответ', 'нет на месте', // Russian
      '自動応答', '自動返信', '不在', // Japanese
      '自动回复', '自動回覆', // Chinese
    ].join('|') +
    ')\\s*(?:[:：(\\-]|$)',
  'i',
);

const LIST_HEADERS = ['list-id', 'list-unsubscribe', 'list-post', 'list-help', 'list-subscribe', 'list-owner', 'list-archive', 'mailing-list', 'x-mailing-list'];
const AUTO_REPLY_HEADERS = ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-reply'];
/** `X-Autoreply: no` (rare, but written) is not an auto-reply; presence with any other value is. */
const NO = /^\s*(?:no|false)\s*$/i;

const localPart = (address: string) => address.split('@')[0] ?? '';

interface Rule {
  /** How the rule reads in docs/email-rules.md. */
  name: string;
  test: (m: InboundMessage, h: Record<string, string>, e: Envelope) => string | undefined;
}

/** The automatic-mail rules, in order; the first that matches names the reason. Zammad's and FreeScout's filters cover the same ground. */
export const AUTOMATIC_MAIL_RULES: Rule[] = [
  { name: 'our loop marker', test: (_m, h) => (h[LOOP_HEADER.toLowerCase()] !== undefined ? `our own loop marker (${LOOP_HEADER})` : undefined) },
  { name: 'from our own address', test: (_m, _h, e) => (e.ownAddress ? `mail from our own address ${e.ownAddress} (a loop)` : undefined) },
  {
    name: 'empty envelope sender, no Return-Path',
    test: (_m, h, e) => (e.source !== undefined && /^<?\s*>?$/.test(e.source) && h['return-path'] === undefined ? 'bounce (empty envelope sender, no Return-Path)' : undefined),
  },
  { name: 'empty Return-Path', test: (_m, h) => (h['return-path'] !== undefined && /^<?\s*>?$/.test(h['return-path']) ? 'empty Return-Path (a bounce)' : undefined) },
  {
    name: 'mailer-daemon or postmaster',
    test: (_m, _h, e) => (/^(?:mailer-daemon|postmaster)$/i.test(localPart(e.sender)) ? `bounce or notice from ${localPart(e.sender).toLowerCase()}` : undefined),
  },
  {
    name: 'delivery report',
    test: (_m, h) => (/^multipart\/report\b|^message\/delivery-status\b/i.test(h['content-type'] ?? '') ? 'delivery report (multipart/report)' : undefined),
  },
  {
    name: 'Auto-Submitted other than no',
    test: (_m, h) => {
      const value = h['auto-submitted']?.split(';')[0]?.trim().toLowerCase();
      return value !== undefined && value !== 'no' ? `Auto-Submitted: ${value}` : undefined;
    },
  },
  {
    name: 'X-Autoreply, X-Autorespond, X-Autoresponder',
    test: (_m, h) => {
      const name = AUTO_REPLY_HEADERS.find((n) => h[n] !== undefined && !NO.test(h[n]!));
      return name ? `auto-reply header (${name})` : undefined;
    },
  },
  {
    name: 'Precedence bulk, junk, list or auto_reply',
    test: (_m, h) => {
      const value = (h.precedence ?? h['x-precedence'])?.trim().toLowerCase();
      return value && /^(?:bulk|junk|list|auto[_-]reply)$/.test(value) ? `Precedence: ${value}` : undefined;
    },
  },
  { name: 'X-Auto-Response-Suppress: All', test: (_m, h) => (/\ball\b/i.test(h['x-auto-response-suppress'] ?? '') ? 'X-Auto-Response-Suppress: All' : undefined) },
  {
    name: 'X-MS-Exchange-Generated-Message-Source',
    test: (_m, h) => (h['x-ms-exchange-generated-message-source'] !== undefined ? `generated by Exchange (${h['x-ms-exchange-generated-message-source']})` : undefined),
  },
  { name: 'X-MS-Exchange-Inbox-Rules-Loop', test: (_m, h) => (h['x-ms-exchange-inbox-rules-loop'] !== undefined ? 'Exchange inbox rule (X-MS-Exchange-Inbox-Rules-Loop)' : undefined) },
  { name: 'X-Loop', test: (_m, h) => (h['x-loop'] !== undefined ? 'X-Loop header' : undefined) },
  {
    name: 'list headers',
    test: (_m, h) => {
      const name = LIST_HEADERS.find((n) => h[n] !== undefined);
      return name ? `mailing list (${name} header)` : undefined;
    },
  },
  { name: 'Delivered-To an autoresponder', test: (_m, h) => (/autoresponder/i.test(h['delivered-to'] ?? '') ? 'Delivered-To an autoresponder' : undefined) },
  {
    name: 'out-of-office subject',
    test: (m) => (OUT_OF_OFFICE_SUBJECT.test(m.subject.replace(/^(?:(?:re|aw|sv|vs|antw|réf|rif)\s*:\s*)+/i, '')) ? `out-of-office subject "${m.subject.slice(0, 80)}"` : undefined),
  },
  { name: 'no usable sender', test: (_m, _h, e) => (e.sender === '' ? 'no usable sender address' : undefined) },
];

/** Why this message was written by a machine (an auto-reply, a bounce, a list, a loop), or undefined. */
export const automaticMessageReason = (m: InboundMessage, envelope: Envelope): string | undefined => {
  for (const rule of AUTOMATIC_MAIL_RULES) {
    const reason = rule.test(m, m.headers, envelope);
    if (reason) return reason;
  }
  return undefined;
};

export const filterRefusal = (m: InboundMessage, envelope: Envelope): Refusal | undefined => {
  const reason = automaticMessageReason(m, envelope);
  return reason ? { outcome: 'ignored', reason } : undefined;
};
