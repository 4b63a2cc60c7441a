/** Attachments, a request's attachment tally and temporary uploads (entities/attachment.ts): reads, writes, invariants. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch';
import { dynamo, tableName } from './client';
import { breach, type Invariant } from './invariant';
import {
  ATTACHMENT_ENTITY, ATTACHMENT_SORT_PREFIX, TALLY_ENTITY, UPLOAD_ENTITY, attachmentItem, attachmentKeys, attachmentTallyItem, attachmentTallyKeys,
  temporaryUploadItem, temporaryUploadKeys, toAttachment, toAttachmentTally, toTemporaryUpload, type AttachmentRecord, type AttachmentTally,
  type TemporaryUploadRecord,
} from './entities/attachment';
import { commentKeys } from './entities/comment';
import type { Item } from './entities/item';
import { requestKeys } from './entities/request';
import { partitionQuery, queryAll, queryPage } from './query';
import { versionedPut, write, type TransactItem } from './transact';
import { mapPage, type Page, type PageRequest } from '#model/page';

// ---- Attachments --------------------------------------------------------------------------------
export const putAttachmentItem = (a: AttachmentRecord): TransactItem<'attachment'> =>
  versionedPut('attachment', attachmentItem(a), undefined, a.id);

export const getAttachment = async (issueId: string, id: string): Promise<AttachmentRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: attachmentKeys(issueId, id) }));
  return out.Item ? toAttachment(out.Item) : undefined;
};

/** A page of a request's attachments, oldest first; `publicOnly` for customers. One Query. */
export const queryAttachments = async (issueId: string, page: PageRequest, publicOnly: boolean): Promise<Page<AttachmentRecord>> => {
  const result = await queryPage({
    partitionValue: requestKeys(issueId).pk,
    sortPrefix: ATTACHMENT_SORT_PREFIX,
    ...(publicOnly ? { filter: { expression: 'isPublic = :public', values: { ':public': true } } } : {}),
    ...page,
  });
  return mapPage(result, toAttachment);
};

/** The attachments one comment made: read with the request's (at most LIMITS.attachmentsPerRequest), one Query. */
export const attachmentsOfComment = async (issueId: string, commentId: string): Promise<AttachmentRecord[]> =>
  (
    await queryAll({
      ...partitionQuery(requestKeys(issueId).pk, { sortPrefix: ATTACHMENT_SORT_PREFIX }),
      FilterExpression: 'commentId = :comment',
      ExpressionAttributeValues: { ':p': requestKeys(issueId).pk, ':s': ATTACHMENT_SORT_PREFIX, ':comment': commentId },
    })
  ).map(toAttachment);

// ---- A request's tally --------------------------------------------------------------------------
export const getAttachmentTally = async (issueId: string): Promise<AttachmentTally> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: attachmentTallyKeys(issueId), ConsistentRead: true }));
  return out.Item ? toAttachmentTally(out.Item) : { issueId, count: 0, bytes: 0 };
};

/**
 * The tally moved from what was read (`seen`) by what this write adds; written only if nobody moved it since, so the
 * numbers handed out (seen.count + 1, ...) are unique and the limits checked against `seen` still hold.
 */
export const moveTallyItem = (seen: AttachmentTally, added: { count: number; bytes: number }): TransactItem<'attachmentTally'> =>
  write('attachmentTally', {
    Put: {
      TableName: tableName(),
      Item: attachmentTallyItem({ issueId: seen.issueId, count: seen.count + added.count, bytes: seen.bytes + added.bytes }),
      ...(seen.count === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: '#count = :seen', ExpressionAttributeNames: { '#count': 'count' }, ExpressionAttributeValues: { ':seen': seen.count } }),
    },
  });

// ---- Temporary uploads --------------------------------------------------------------------------
export const putUploadItem = (u: TemporaryUploadRecord): TransactItem<'upload'> =>
  versionedPut('upload', temporaryUploadItem(u), undefined, u.id);

/** A pending upload becomes ready once its object is checked: only by its uploader, only once. */
export const registerUploadItem = (u: TemporaryUploadRecord, found: { size: number; mimeType: string }): TransactItem<'upload'> =>
  write('upload', {
    Update: {
      TableName: tableName(),
      Key: temporaryUploadKeys(u.id),
      UpdateExpression: 'SET #state = :ready, #size = :size, mimeType = :type REMOVE maxBytes',
      ConditionExpression: '#state = :pending AND uploaderId = :uploader',
      ExpressionAttributeNames: { '#state': 'state', '#size': 'size' },
      ExpressionAttributeValues: { ':ready': 'ready', ':pending': 'pending', ':size': found.size, ':type': found.mimeType, ':uploader': u.uploaderId },
    },
  }, u.id);

/**
 * Attaching takes the upload: ready, still valid, and the caller's; then it is `attached` and says where, so a
 * second attach of it fails this condition (and a retried call finds where it went).
 */
export const takeUploadItem = (id: string, uploaderId: string, attachedTo: { issueId: string; commentId: string; attachmentId: string }, nowMs: number): TransactItem<'upload'> =>
  write('upload', {
    Update: {
      TableName: tableName(),
      Key: temporaryUploadKeys(id),
      UpdateExpression: 'SET #state = :attached, attachedTo = :to',
      ConditionExpression: '#state = :ready AND uploaderId = :uploader AND validUntil > :now',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':attached': 'attached', ':ready': 'ready', ':uploader': uploaderId, ':to': attachedTo, ':now': nowMs },
    },
  }, id);

export const getUpload = async (id: string): Promise<TemporaryUploadRecord | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: temporaryUploadKeys(id), ConsistentRead: true }));
  return out.Item ? toTemporaryUpload(out.Item) : undefined;
};

export const getUploads = async (ids: string[]): Promise<TemporaryUploadRecord[]> => (await batchGet(ids.map(temporaryUploadKeys), { consistent: true })).map(toTemporaryUpload);

// ---- Invariants (read by the table checker) -----------------------------------------------------
export const invariants: Invariant[] = [
  {
    name: 'attachment-comment',
    rule: "Every attachment's request and comment exist, and it is public exactly when its comment is (a request's own files: public)",
    check: (table) =>
      table.of(ATTACHMENT_ENTITY).flatMap((a) => {
        const comment = a.commentId === undefined ? undefined : table.get(commentKeys(String(a.issueId), String(a.commentId)));
        if (!table.get(requestKeys(String(a.issueId))) || (a.commentId !== undefined && !comment)) {
          return [breach(`attachment ${a.sk} of request ${a.issueId} names a request or comment ${String(a.commentId)} that does not exist`, a)];
        }
        const visible = comment ? comment.public : true;
        return visible === a.public ? [] : [breach(`attachment ${a.sk} of request ${a.issueId} is ${a.public ? 'public' : 'internal'} but what attached it is not`, a, comment)];
      }),
  },
  {
    name: 'attachment-tally',
    rule: "A request's attachment tally counts its attachments and their bytes, and they are numbered 1 to that count",
    check: (table) => {
      const byRequest = new Map<string, Item[]>();
      for (const a of table.of(ATTACHMENT_ENTITY)) byRequest.set(String(a.issueId), [...(byRequest.get(String(a.issueId)) ?? []), a]);
      const issueIds = new Set([...byRequest.keys(), ...table.of(TALLY_ENTITY).map((t) => String(t.issueId))]);
      return [...issueIds].flatMap((issueId) => {
        const attachments = byRequest.get(issueId) ?? [];
        const tally = table.get(attachmentTallyKeys(issueId));
        const bytes = attachments.reduce((sum, a) => sum + Number(a.size), 0);
        const numbered = attachments.map((a) => Number(a.id)).sort((x, y) => x - y).every((n, i) => n === i + 1);
        return Number(tally?.count ?? 0) === attachments.length && Number(tally?.bytes ?? 0) === bytes && numbered
          ? []
          : [breach(`request ${issueId} has ${attachments.length} attachments of ${bytes} bytes; its tally says ${String(tally?.count ?? 0)} of ${String(tally?.bytes ?? 0)}`, tally ?? attachmentTallyKeys(issueId), ...attachments)];
      });
    },
  },
  {
    name: 'attached-upload',
    rule: 'A temporary upload marked attached names the attachment it became',
    check: (table) =>
      table.of(UPLOAD_ENTITY).flatMap((u) => {
        const to = u.attachedTo as TemporaryUploadRecord['attachedTo'];
        if (u.state !== 'attached') return [];
        return to && table.get(attachmentKeys(to.issueId, to.attachmentId)) ? [] : [breach(`upload ${u.id} is attached to an attachment that does not exist`, u)];
      }),
  },
];
