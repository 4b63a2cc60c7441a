/**
 * Request (a JSM customer request): the item, and the claim of its key (`HELP-12`). Its status changes, participants
 * and comments live on its partition (status-change.ts, participant.ts, comment.ts). Numbers come from its desk's
 * counter (counter.ts).
 */
import * as z from 'zod/mini';
import { REQUEST_CHANNELS, REQUEST_STATUSES } from '#model/vocabulary';
import { reader, sortableId, type Keys } from './item';

export const requestFieldValueSchema = z.object({
  fieldId: z.string(),
  label: z.string(),
  /** text and date: a string; number: a number; select: the chosen option; organizations: `[{id}]` (also organizationId). */
  value: z.union([z.string(), z.number(), z.object({ id: z.string(), value: z.string() }), z.array(z.object({ id: z.string() }))]),
});
export type RequestFieldValue = z.infer<typeof requestFieldValueSchema>;

export const requestSchema = z.object({
  issueId: z.string(),
  issueKey: z.string(),
  serviceDeskId: z.string(),
  requestTypeId: z.string(),
  summary: z.string(),
  description: z.string(),
  reporterId: z.string(),
  /** Organization the reporter shared the request with (its members see it). */
  organizationId: z.optional(z.string()),
  status: z.enum(REQUEST_STATUSES),
  statusChangedAt: z.string(),
  /** Values of the request type's custom fields, with their labels as they were when the request was raised. */
  fieldValues: z.optional(z.array(requestFieldValueSchema)),
  /** People who muted the request's notifications (PUT/DELETE …/notification). */
  mutedBy: z.optional(z.array(z.string())),
  /** The reporter's rating once the request is resolved. */
  feedback: z.optional(z.object({ rating: z.number(), comment: z.optional(z.string()), at: z.string() })),
  channel: z.enum(REQUEST_CHANNELS),
  /** The key of the closed request this one follows up (raised from it in the portal, or by a reply to it by email). */
  followUpOf: z.optional(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type RequestRecord = z.infer<typeof requestSchema>;
export const toRequest = reader(requestSchema);

export const requestKeys = (issueId: string): Keys => ({ pk: `REQUEST#${issueId}`, sk: 'REQUEST' });
export const reporterPartition = (accountId: string): string => `REPORTER#${accountId}`;
export const deskRequestsPartition = (deskId: string): string => `DESK#${deskId}#REQUESTS`;
export const organizationRequestsPartition = (organizationId: string): string => `ORG#${organizationId}#REQUESTS`;
/** Where a request stands by latest activity (its creation, a comment, a status change). */
export const activitySort = (r: Pick<RequestRecord, 'updatedAt' | 'issueId'>) => `${r.updatedAt}#${sortableId(r.issueId)}`;
/** Where a request stands by creation, newest first (a participant's list). */
export const newestSort = (r: Pick<RequestRecord, 'createdAt' | 'issueId'>) => `${r.createdAt}#${sortableId(r.issueId)}`;
/**
 * relations: by reporter; lists: by desk; selections (sparse): by the organization it is shared with. All by latest
 * activity, as JSM lists requests: the entries move with every comment and status change (they are the item's own).
 */
export const requestIndexAttributes = (r: RequestRecord) => ({
  relationPk: reporterPartition(r.reporterId),
  relationSk: activitySort(r),
  listPk: deskRequestsPartition(r.serviceDeskId),
  listSk: activitySort(r),
  ...(r.organizationId ? { selectionPk: organizationRequestsPartition(r.organizationId), selectionSk: activitySort(r) } : {}),
});
export const requestItem = (r: RequestRecord) => ({ ...requestKeys(r.issueId), entity: 'request', ...r, ...requestIndexAttributes(r) });

