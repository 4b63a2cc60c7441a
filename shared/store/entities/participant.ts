/** Participant of a request: on the request's partition, and by participant on the relations index (newest created first). */
import * as z from 'zod/mini';
import { reader, type Keys } from './item';
import { newestSort, type RequestRecord } from './request';

export const participantSchema = z.object({ issueId: z.string(), accountId: z.string() });
export const toParticipant = reader(participantSchema);

export const PARTICIPANT_SORT_PREFIX = 'PARTICIPANT#';
export const participantPartition = (accountId: string): string => `PARTICIPANT#${accountId}`;
export const participantKeys = (issueId: string, accountId: string): Keys => ({ pk: `REQUEST#${issueId}`, sk: `${PARTICIPANT_SORT_PREFIX}${accountId}` });
export const participantIndexAttributes = (r: Pick<RequestRecord, 'createdAt' | 'issueId'>, accountId: string) => ({
  relationPk: participantPartition(accountId),
  relationSk: newestSort(r),
});
export const participantItem = (r: Pick<RequestRecord, 'createdAt' | 'issueId'>, accountId: string) => ({
  ...participantKeys(r.issueId, accountId),
  entity: 'participant',
  issueId: r.issueId,
  accountId,
  ...participantIndexAttributes(r, accountId),
});
