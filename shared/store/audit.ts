/** Audit events: one item per subject (account, organization, desk) it concerns, newest first by sort key. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { AUDIT_SORT_PREFIX, auditEventItem, auditPartition, toAuditEvent, type AuditEvent, type AuditSubject } from './entities/audit-event';
import { queryPage } from './query';
import { keysOf } from './entities/item';
import { write, type TransactItem } from './transact';
import { mapPage } from '#model/page';

export const putAuditItems = (event: AuditEvent): TransactItem<'audit'>[] =>
  event.subjects.map((subject) => write('audit', { Put: { TableName: tableName(), Item: auditEventItem(event, subject) } }));

/** A page of one subject's events, newest first, each with the keys of its stored copy (to erase personal data). */
export const queryAudit = async (subject: AuditSubject, page: { start: number; limit: number; cursor?: string | undefined }) => {
  const result = await queryPage({ partitionValue: auditPartition(subject.type, subject.id), sortPrefix: AUDIT_SORT_PREFIX, newestFirst: true, ...page });
  return mapPage(result, (item) => ({ event: toAuditEvent(item), keys: keysOf(item) }));
};

/** Replace the before/after values of one stored event; used to erase personal data when an account is anonymized. */
export const replaceAuditValues = async (
  key: { pk: string; sk: string },
  values: { before?: Record<string, unknown> | null | undefined; after?: Record<string, unknown> | null | undefined },
): Promise<void> => {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET #before = :before, #after = :after',
      ExpressionAttributeNames: { '#before': 'before', '#after': 'after' },
      ExpressionAttributeValues: { ':before': values.before ?? null, ':after': values.after ?? null },
    }),
  );
};
