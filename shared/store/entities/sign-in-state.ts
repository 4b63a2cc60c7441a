/**
 * The pending state of one single sign-on: made when the customer is sent to their identity provider, used up when
 * they come back. Stored by the SHA-256 hash of the `state` parameter (the value itself is only in the browser and
 * the provider's redirect), with the PKCE challenge the code must be redeemed against and an expiry. Its first use marks it
 * used, so a replayed `state` is refused.
 */
import * as z from 'zod/mini';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../client';
import type { Keys } from '../keys';
import { pickFields } from '../query';

export const signInStateSchema = z.object({
  stateHash: z.string(),
  providerId: z.string(),
  /** S256 of the PKCE verifier the browser keeps: the verifier sent back must match it. */
  codeChallenge: z.string(),
  /** Epoch milliseconds after which the state no longer works. */
  validUntil: z.number(),
});
export type SignInStateRecord = z.infer<typeof signInStateSchema>;
const FIELDS = Object.keys(signInStateSchema.def.shape);

export const signInStateKeys = (stateHash: string): Keys => ({ pk: `SSOSTATE#${stateHash}`, sk: 'SSOSTATE' });

export const putSignInState = async (state: SignInStateRecord): Promise<void> => {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      // TTL is only the backstop: validUntil decides.
      Item: { ...signInStateKeys(state.stateHash), entity: 'signInState', ...state, expiresAt: Math.floor(state.validUntil / 1000) + 3600 },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
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
    return out.Attributes ? { state: pickFields<SignInStateRecord>(out.Attributes, FIELDS), firstUse: true } : undefined;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    return out.Item ? { state: pickFields<SignInStateRecord>(out.Item, FIELDS), firstUse: false } : undefined;
  }
};
