/** Audit event: one item per subject (account, organization, desk) it concerns, newest first in the subject's partition. */
import * as z from 'zod/mini';
import { AUDIT_SUBJECT_TYPES, type AuditSubjectType } from '#model/vocabulary';
import { reader, type Keys } from './item';

const auditSubjectSchema = z.object({ type: z.enum(AUDIT_SUBJECT_TYPES), id: z.string() });
export type AuditSubject = z.infer<typeof auditSubjectSchema>;

/** Values of the changed fields; null once erased of personal data (anonymization). */
const valuesSchema = z.optional(z.nullable(z.record(z.string(), z.unknown())));

export const auditEventSchema = z.object({
  eventId: z.string(),
  at: z.string(),
  action: z.string(),
  actorId: z.string(),
  subjects: z.array(auditSubjectSchema),
  before: valuesSchema,
  after: valuesSchema,
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
export const toAuditEvent = reader(auditEventSchema);

export const auditPartition = (subject: AuditSubjectType, id: string): string => `AUDIT#${subject}#${id}`;
export const AUDIT_SORT_PREFIX = 'EVENT#';
export const auditKeys = (subject: AuditSubjectType, id: string, at: string, eventId: string): Keys => ({
  pk: auditPartition(subject, id),
  sk: `${AUDIT_SORT_PREFIX}${at}#${eventId}`,
});

/** The event's copy under one of its subjects. */
export const auditEventItem = (event: AuditEvent, subject: AuditSubject) => ({
  ...auditKeys(subject.type, subject.id, event.at, event.eventId),
  entity: 'audit',
  ...event,
});
