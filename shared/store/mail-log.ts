/** The inbound mail log: one item per SES message id, listed newest first on the lists index once its outcome is known. */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { breach, type Invariant } from './invariant';
import { commentKeys } from './entities/comment';
import { MAIL_LOG_PARTITION, mailLogItem, mailLogKeys, toMailLog, type MailLogRecord } from './entities/mail-log';
import { requestKeys } from './entities/request';
import { queryPage } from './query';
import type { MailOutcome } from '#model/vocabulary';
import { write, type TransactItem } from './transact';
import { mapPage } from '#model/page';

/** The first write for a message: fails when the message was seen before. */
export const claimMailLogItem = (entry: MailLogRecord): TransactItem<'mailLog'> =>
  write('mailLog', {
    Put: {
      TableName: tableName(),
      Item: mailLogItem(entry, false),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

/**
 * The finished entry, written only while the message is still in the state this attempt found it in: `processing`
 * (no other delivery finished it meanwhile) or, for an admin's review, the outcome it was reviewed in (`rejected`, `ignored`).
 */
export const finishMailLogItem = (entry: MailLogRecord, expected: 'processing' | 'rejected' | 'ignored'): TransactItem<'mailLog'> =>
  write('mailLog', {
    Put: {
      TableName: tableName(),
      Item: mailLogItem(entry, true),
      ConditionExpression: expected === 'processing' ? '#status = :expected' : '#outcome = :expected',
      ExpressionAttributeNames: expected === 'processing' ? { '#status': 'status' } : { '#outcome': 'outcome' },
      ExpressionAttributeValues: { ':expected': expected },
    },
  });

export const getMailLog = async (sesMessageId: string): Promise<MailLogRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: mailLogKeys(sesMessageId), ConsistentRead: true }));
  return out.Item ? toMailLog(out.Item) : undefined;
};

/** What became of the acknowledgement a new request by email owed: it went out, or SES refused it for good. */
export const markAcknowledged = async (sesMessageId: string, outcome: 'sent' | 'refused' = 'sent'): Promise<void> => {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: mailLogKeys(sesMessageId),
      UpdateExpression: 'SET acknowledgement = :outcome',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':outcome': outcome },
    }),
  );
};

export const queryMailLog = async (page: { start: number; limit: number; cursor?: string | undefined }, outcome?: MailOutcome) => {
  const result = await queryPage({
    index: 'lists',
    partitionValue: MAIL_LOG_PARTITION,
    newestFirst: true,
    ...(outcome ? { filter: { expression: '#outcome = :outcome', names: { '#outcome': 'outcome' }, values: { ':outcome': outcome } } } : {}),
    ...page,
  });
  return mapPage(result, toMailLog);
};

// ---- Invariants (read by the table checker) -----------------------------------------------------
/**
 * How long a message may stay `processing`: SES's asynchronous invocation retries for at most an hour
 * (INBOUND_MAX_EVENT_AGE in infra/constructs/inbound-mail.ts), plus the last attempt's run time.
 */
export const MAIL_RETRY_WINDOW_MS = 75 * 60_000;

export const invariants: Invariant[] = [
  {
    name: 'mail-log-finished',
    rule: 'Every mail-log entry is finished, or still within its retry window; a finished one points at the request or comment it made, and its acknowledgement went out within the window',
    check: (table, now) =>
      table.of('mail').flatMap((entry) => {
        if (entry.status !== 'done') {
          const age = now.getTime() - Date.parse(String(entry.receivedAt));
          return age <= MAIL_RETRY_WINDOW_MS ? [] : [breach(`message ${entry.id} is still processing ${Math.round(age / 60_000)} minutes after it arrived: no retry is left`, entry)];
        }
        if (entry.outcome === 'accepted') {
          const request = table.get(requestKeys(String(entry.issueId)));
          if (request?.issueKey !== entry.issueKey) return [breach(`message ${entry.id} was accepted as ${entry.issueKey}, which does not exist`, entry, requestKeys(String(entry.issueId)))];
          const age = now.getTime() - Date.parse(String(entry.updatedAt));
          return entry.acknowledgement === 'due' && age > MAIL_RETRY_WINDOW_MS ? [breach(`message ${entry.id} made ${entry.issueKey}, and its sender was never acknowledged`, entry)] : [];
        }
        if (entry.outcome === 'commented') {
          const keys = commentKeys(String(entry.issueId), String(entry.commentId));
          return table.get(keys) ? [] : [breach(`message ${entry.id} made comment ${entry.commentId}, which does not exist`, entry, keys)];
        }
        return [];
      }),
  },
];
