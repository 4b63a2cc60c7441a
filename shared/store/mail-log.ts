/** The inbound mail log: one item per SES message id, listed newest first on GSI2 once its outcome is known. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { MAIL_LOG_PARTITION, mailLogIndexAttributes, mailLogKeys, type MailLogRecord, type MailOutcome } from './keys';
import { queryPage, type Item } from './query';
import type { TransactItem } from './transact';

const MAIL_LOG_FIELDS = [
  'id', 'receivedAt', 'status', 'from', 'fromName', 'to', 'recipients', 'subject', 'text', 'size', 'outcome', 'reason',
  'serviceDeskId', 'issueId', 'issueKey', 'commentId', 'updatedAt',
] as const;
const toMailLog = (item: Item): MailLogRecord =>
  Object.fromEntries(MAIL_LOG_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as MailLogRecord;

/** The first write for a message: fails when the message was seen before. */
export const claimMailLogItem = (entry: MailLogRecord): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...mailLogKeys(entry.id), entity: 'mail', ...entry },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * The finished entry, written only while the message is still in the state this attempt found it in: `processing`
 * (no other delivery finished it meanwhile) or, for an admin's review, the outcome it was reviewed in (`rejected`, `ignored`).
 */
export const finishMailLogItem = (entry: MailLogRecord, expected: 'processing' | 'rejected' | 'ignored'): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...mailLogKeys(entry.id), entity: 'mail', ...entry, ...mailLogIndexAttributes(entry) },
    ConditionExpression: expected === 'processing' ? '#status = :expected' : '#outcome = :expected',
    ExpressionAttributeNames: expected === 'processing' ? { '#status': 'status' } : { '#outcome': 'outcome' },
    ExpressionAttributeValues: { ':expected': expected },
  },
});

export const getMailLog = async (sesMessageId: string): Promise<MailLogRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: mailLogKeys(sesMessageId), ConsistentRead: true }));
  return out.Item ? toMailLog(out.Item) : undefined;
};

export const queryMailLog = async (page: { start: number; limit: number; cursor?: string | undefined }, outcome?: MailOutcome) => {
  const result = await queryPage({
    index: 'directory',
    partitionValue: MAIL_LOG_PARTITION,
    newestFirst: true,
    ...(outcome ? { filter: { expression: '#outcome = :outcome', names: { '#outcome': 'outcome' }, values: { ':outcome': outcome } } } : {}),
    ...page,
  });
  return { ...result, values: result.items.map(toMailLog) };
};
