/** Status change: the request's status history, one item per change on the request's partition, written in the change's transaction. */
import * as z from 'zod/mini';
import { REQUEST_STATUSES, type RequestStatus } from '#model/vocabulary';
import { reader, type Keys } from './item';

export const statusChangeSchema = z.object({ issueId: z.string(), status: z.enum(REQUEST_STATUSES), at: z.string() });
export type StatusChangeRecord = z.infer<typeof statusChangeSchema>;
export const toStatusChange = reader(statusChangeSchema);

export const STATUS_SORT_PREFIX = 'STATUS#';
export const statusChangeKeys = (issueId: string, at: string, status: RequestStatus): Keys => ({ pk: `REQUEST#${issueId}`, sk: `${STATUS_SORT_PREFIX}${at}#${status}` });
export const statusChangeItem = (c: StatusChangeRecord) => ({ ...statusChangeKeys(c.issueId, c.at, c.status), entity: 'statusChange', ...c });
