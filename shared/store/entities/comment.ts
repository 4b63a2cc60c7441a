/** Comment on a request: on the request's partition, numbered by the request's own counter. */
import * as z from 'zod/mini';
import { reader, sortableId, type Keys } from './item';

export const commentSchema = z.object({
  id: z.string(),
  issueId: z.string(),
  body: z.string(),
  public: z.boolean(),
  authorId: z.string(),
  createdAt: z.string(),
});
export type CommentRecord = z.infer<typeof commentSchema>;
export const toComment = reader(commentSchema);

export const COMMENT_SORT_PREFIX = 'COMMENT#';
export const commentKeys = (issueId: string, commentId: string): Keys => ({ pk: `REQUEST#${issueId}`, sk: `${COMMENT_SORT_PREFIX}${sortableId(commentId)}` });
/** `isPublic`: a copy of `public` that list filters name (`public` is a reserved word). */
export const commentItem = (c: CommentRecord) => ({ ...commentKeys(c.issueId, c.id), entity: 'comment', ...c, isPublic: c.public });
