/**
 * The checks an inbound message passes before anyone looks at its sender (DESIGN.md section 5, in this order):
 * size, SES verdicts, then the loop and auto-reply filters. Refused and ignored messages are never answered.
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

const AUTOMATIC_SENDERS = new Set(['mailer-daemon', 'postmaster']);

/** Why this message was written by a machine (an auto-reply, a bounce, a list, a loop), or undefined. */
export const automaticMessageReason = (m: InboundMessage): string | undefined => {
  const h = m.headers;
  if (h[LOOP_HEADER.toLowerCase()] !== undefined) return `our own loop marker (${LOOP_HEADER})`;
  const autoSubmitted = h['auto-submitted']?.split(';')[0]?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = h.precedence?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list'].includes(precedence)) return `Precedence: ${precedence}`;
  if (h['x-autoreply'] !== undefined || h['x-autorespond'] !== undefined) return 'X-Autoreply header';
  if (h['x-loop'] !== undefined) return 'X-Loop header';
  const listHeader = Object.keys(h).find((name) => name.startsWith('list-'));
  if (listHeader) return `mailing list (${listHeader} header)`;
  if (h['return-path'] !== undefined && /^<?\s*>?$/.test(h['return-path'])) return 'empty Return-Path (a bounce)';
  const localPart = m.from.split('@')[0] ?? '';
  if (AUTOMATIC_SENDERS.has(localPart)) return `bounce or notice from ${localPart}`;
  if (/^multipart\/report\b/i.test(h['content-type'] ?? '')) return 'delivery report (multipart/report)';
  if (m.from === '') return 'no sender address';
  return undefined;
};

export const filterRefusal = (m: InboundMessage): Refusal | undefined => {
  const reason = automaticMessageReason(m);
  return reason ? { outcome: 'ignored', reason } : undefined;
};
