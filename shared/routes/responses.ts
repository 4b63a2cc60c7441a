/**
 * The shape of the answers the OpenAPI document describes (JSM's objects), and of the JSM error. Documentation only:
 * kept out of the route table and its schemas, as the summaries are, so that no Lambda bundle carries them.
 */
import * as z from 'zod/mini';
import type { OperationId } from './table';

export const jsmErrorSchema = z.object({
  errorMessage: z.string(),
  i18nErrorMessage: z.object({ i18nKey: z.string(), parameters: z.array(z.string()) }),
});

const selfLink = z.object({ self: z.string() });
const jsmDate = z.object({ iso8601: z.string(), jira: z.string(), friendly: z.string(), epochMillis: z.number() });

const userSchema = z.object({
  accountId: z.string(),
  emailAddress: z.optional(z.nullable(z.string())),
  displayName: z.string(),
  active: z.boolean(),
  timeZone: z.string(),
  _links: z.object({ jiraRest: z.string(), avatarUrls: z.record(z.string(), z.string()), self: z.string() }),
});
const serviceDeskSchema = z.object({ id: z.string(), projectId: z.string(), projectName: z.string(), projectKey: z.string(), _links: selfLink });
const organizationSchema = z.object({ id: z.string(), name: z.string(), _links: selfLink });
const fieldValueSchema = z.object({ label: z.string(), value: z.string(), children: z.array(z.unknown()) });
const requestTypeFieldsSchema = z.object({
  canAddRequestParticipants: z.boolean(),
  canRaiseOnBehalfOf: z.boolean(),
  requestTypeFields: z.array(
    z.object({
      fieldId: z.string(),
      name: z.string(),
      description: z.string(),
      required: z.boolean(),
      validValues: z.array(fieldValueSchema),
      jiraSchema: z.object({ type: z.string(), system: z.optional(z.string()), custom: z.optional(z.string()), customId: z.optional(z.number()) }),
      visible: z.boolean(),
    }),
  ),
});
const requestTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  helpText: z.string(),
  serviceDeskId: z.string(),
  groupIds: z.array(z.string()),
  fields: z.optional(requestTypeFieldsSchema),
  _links: selfLink,
});
const commentSchema = z.object({ id: z.string(), body: z.string(), public: z.boolean(), author: userSchema, created: jsmDate, _links: selfLink });
const feedbackSchema = z.object({ type: z.literal('csat'), rating: z.number(), comment: z.optional(z.object({ body: z.string() })) });

export const ROUTE_RESPONSES: Partial<Record<OperationId, z.ZodMiniType>> = {
  createCustomer: userSchema,
  createDesk: serviceDeskSchema,
  getDesk: serviceDeskSchema,
  createOrganization: organizationSchema,
  getOrganization: organizationSchema,
  getRequestType: requestTypeSchema,
  createJsmRequestType: requestTypeSchema,
  listRequestTypeFields: requestTypeFieldsSchema,
  getComment: commentSchema,
  addComment: commentSchema,
  getNotification: z.object({ subscribed: z.boolean() }),
  getFeedback: feedbackSchema,
  giveFeedback: feedbackSchema,
};
