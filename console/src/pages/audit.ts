/** An audit trail (of an account, an organization or a desk): what changed, when, by whom, before and after. */
import { h } from '../../../web/dom';
import { timeAgo } from '../../../web/time';
import type { AuditEvent } from '../api';
import { auditTrail, getCustomer, type AuditSubject } from '../api-directory';
import { table } from '../ui';

/** "status: active → suspended; email: a@x → b@x" from an event's before and after. */
const changes = (e: AuditEvent): string => {
  const keys = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])];
  const text = (v: unknown) => (v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  return keys.map((k) => `${k}: ${text(e.before?.[k])} → ${text(e.after?.[k])}`).join('; ');
};

/** Who did it, by name where the directory tells (an admin reads it; otherwise the account id). */
const actorNames = async (events: AuditEvent[]): Promise<Map<string, string>> => {
  const ids = [...new Set(events.map((e) => e.actor.accountId))];
  const names = await Promise.all(ids.map((id) => getCustomer(id).then((c) => c.displayName || id, () => id)));
  return new Map(ids.map((id, i) => [id, names[i] ?? id]));
};

/** The newest events of a subject as a table (25; the API pages further). */
export const auditTable = async (subject: AuditSubject): Promise<HTMLElement> => {
  const page = await auditTrail(subject);
  if (page.values.length === 0) return h('p', {}, 'No changes recorded.');
  const names = await actorNames(page.values);
  return h(
    'div',
    {},
    table(
      'Audit trail, newest first',
      ['When', 'What', 'By', 'Change'],
      page.values.map((e) => [timeAgo(e.created.iso8601), e.action, names.get(e.actor.accountId) ?? e.actor.accountId, changes(e) || '—']),
    ),
    page.isLastPage ? null : h('p', { class: 'meta' }, `The ${page.size} newest changes.`),
  );
};
