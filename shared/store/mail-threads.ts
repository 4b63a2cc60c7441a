/** Which requests a Message-ID belongs to (entities/thread-message.ts): one item per id, a set of issue ids. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import { THREAD_MESSAGE_ENTITY, threadMessageKeys, toThreadMessage } from './entities/thread-message';
import { write, type TransactItem } from './transact';

/** Longer ids are not stored (DynamoDB keys stop at 2 KB; real ids are well under 250 characters). */
export const MAX_MESSAGE_ID_LENGTH = 500;

const addition = (messageId: string, issueId: string) => ({
  TableName: tableName(),
  Key: threadMessageKeys(messageId),
  UpdateExpression: 'ADD issueIds :issue SET entity = :entity',
  ExpressionAttributeValues: { ':issue': new Set([issueId]), ':entity': THREAD_MESSAGE_ENTITY },
});

/** In the transaction that makes the request or comment the message became. */
export const threadMessageItems = (messageId: string | undefined, issueId: string): TransactItem<'threadMessage'>[] =>
  messageId && messageId.length <= MAX_MESSAGE_ID_LENGTH ? [write('threadMessage', { Update: addition(messageId, issueId) })] : [];

/** After a send: the id SES gave the message. */
export const putThreadMessage = async (messageId: string, issueId: string): Promise<void> => {
  if (messageId.length > MAX_MESSAGE_ID_LENGTH) return;
  await dynamo().send(new UpdateCommand(addition(messageId, issueId)));
};

/** The issue ids each of these message ids belongs to, in the order of the ids (one BatchGetItem). */
export const issuesOfMessages = async (messageIds: string[]): Promise<string[]> => {
  const keys = [...new Map(messageIds.filter((id) => id.length <= MAX_MESSAGE_ID_LENGTH).map((id) => [threadMessageKeys(id).pk, threadMessageKeys(id)])).values()];
  if (keys.length === 0) return [];
  const items = await batchGet(keys);
  const byId = new Map(items.map((item) => [String(item.pk), [...(toThreadMessage(item).issueIds ?? [])]]));
  return keys.flatMap(({ pk }) => byId.get(pk) ?? []);
};
