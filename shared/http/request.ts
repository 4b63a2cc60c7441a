/**
 * Turning an API Gateway (payload 2.0) event into validated input: body size, content type, JSON syntax and the
 * route's zod schemas. Every failure is a 4xx in the JSM shape; nothing reaches the domain unvalidated.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { LIMITS } from '#model/limits';
import { BadRequest, Forbidden, PayloadTooLarge, UnsupportedMediaType } from '#errors';
import { formFiles, type FormFile } from './multipart';

type Issue = z.core.$ZodIssue;

/** zod/mini carries no message catalogue: the wording of each kind of problem is ours, said once here. */
const explain = (issue: Issue): string => {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${issue.minimum} characters` : issue.origin === 'array' ? `must have at least ${issue.minimum} items` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : issue.origin === 'array' ? `must have at most ${issue.maximum} items` : `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input' ? issue.message : `is not a valid ${issue.format}`;
    default:
      return issue.message || 'is not valid';
  }
};

const describeIssues = (issues: readonly Issue[]): string =>
  issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
      return `${where}${explain(issue)}`;
    })
    .join('; ');

export const validate = <T extends z.ZodMiniType>(schema: T, value: unknown, part: string): z.output<T> => {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequest(`Invalid ${part}: ${describeIssues(result.error.issues)}`, 'sd.error.validation');
  return result.data;
};

const rawBody = (event: APIGatewayProxyEventV2): Buffer | undefined => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
};

/** Size is checked for every route, so an oversized body is a 413 whether or not the route takes one. */
export const readJsonBody = (event: APIGatewayProxyEventV2, expectsBody: boolean): unknown => {
  const bytes = rawBody(event);
  if (bytes && bytes.length > LIMITS.bodyBytes) throw new PayloadTooLarge(LIMITS.bodyBytes);
  if (!expectsBody) return undefined;
  if (!bytes) throw new BadRequest('A JSON request body is required', 'sd.error.body.required');
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType.trim())) throw new UnsupportedMediaType();
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new BadRequest('The request body is not valid JSON', 'sd.error.malformed.json');
  }
};

/**
 * The files of a multipart/form-data upload (JSM's attachTemporaryFile): a larger size limit than JSON bodies, and
 * JSM's XSRF rule: the call must carry `X-Atlassian-Token: no-check`, which a browser form cannot send.
 */
export const readFormFiles = (event: APIGatewayProxyEventV2): FormFile[] => {
  if ((event.headers?.['x-atlassian-token'] ?? '').trim().toLowerCase() !== 'no-check') {
    throw new Forbidden('XSRF check failed: send the header X-Atlassian-Token: no-check with uploads');
  }
  const bytes = rawBody(event);
  if (bytes && bytes.length > LIMITS.uploadBodyBytes) throw new PayloadTooLarge(LIMITS.uploadBodyBytes, 'An upload through the API');
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^multipart\/form-data\b/i.test(contentType.trim())) throw new UnsupportedMediaType('The request body must be multipart/form-data with the files in fields named "file"');
  const files = bytes ? formFiles(bytes, contentType, LIMITS.filesPerUpload) : [];
  if (files.length === 0) throw new BadRequest('No file in the upload: send each file in a form field named "file"', 'sd.attachment.error.no.file');
  return files;
};

/** Where links in answers point: the host the caller used. */
export const baseUrlOf = (event: APIGatewayProxyEventV2): string => {
  const proto = event.headers?.['x-forwarded-proto'] ?? 'https';
  const host = event.headers?.host ?? event.requestContext.domainName;
  return `${proto}://${host}`;
};
