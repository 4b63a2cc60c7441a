/** The pending single sign-ons (entities/sign-in-state.ts): one conditional Put to make, one conditional update to use. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { signInStateItem, signInStateKeys, toSignInState, type SignInStateRecord } from './entities/sign-in-state';

export const putSignInState = async (state: SignInStateRecord): Promise<void> => {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: signInStateItem(state), ConditionExpression: 'attribute_not_exists(pk)' }));
};

/**
 * Marks the state used and answers it, with whether this call was its first use: only one caller can be first, so a
 * `state` works once. A used state stays (until its TTL) so a replay can be told, and audited, as one.
 */
export const useSignInState = async (stateHash: string, now: number): Promise<{ state: SignInStateRecord; firstUse: boolean } | undefined> => {
  const key = signInStateKeys(stateHash);
  try {
    const out = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET usedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? { state: toSignInState(out.Attributes), firstUse: true } : undefined;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    return out.Item ? { state: toSignInState(out.Item), firstUse: false } : undefined;
  }
};
