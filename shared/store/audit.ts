/** Audit events: one item per subject (account, organization, desk) it concerns, newest first by sort key. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { AUDIT_SORT_PREFIX, auditKeys, auditPartition, type AuditSubjectType } from './keys';
import { queryPage, type ItemPage } from './query';
import type { TransactItem } from './transact';

export interface AuditSubject {
  type: AuditSubjectType;
  id: string;
}

export interface AuditEvent {
  eventId: string;
  at: string;
  action: string;
  actorId: string;
  subjects: AuditSubject[];
  before?: Record<string, unknown> | undefined;
  after?: Record<string, unknown> | undefined;
}

export const putAuditItems = (event: AuditEvent): TransactItem[] =>
  event.subjects.map((subject) => ({
    Put: {
      TableName: tableName(),
      Item: { ...auditKeys(subject.type, subject.id, event.at, event.eventId), entity: 'audit', ...event },
    },
  }));

export const queryAudit = (subject: AuditSubject, page: { start: number; limit: number; cursor?: string | undefined }): Promise<ItemPage> =>
  queryPage({ partitionValue: auditPartition(subject.type, subject.id), sortPrefix: AUDIT_SORT_PREFIX, newestFirst: true, ...page });

/** Replace the before/after values of one stored event; used to erase personal data when an account is anonymized. */
export const replaceAuditValues = async (
  key: { pk: string; sk: string },
  values: { before?: Record<string, unknown> | undefined; after?: Record<string, unknown> | undefined },
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
