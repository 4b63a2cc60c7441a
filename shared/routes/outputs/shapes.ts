/**
 * The objects the API answers with, in JSM's shapes (User, ServiceDesk, Organization, RequestType, CustomerRequest,
 * Comment, the page...) and our own. Documentation and tests only: the OpenAPI document describes responses with them
 * and the tests parse every successful answer against them (test/harness/answers.ts), so they cannot drift from what
 * shared/http/views.ts builds. No Lambda but "meta" (which serves the document) bundles them. Objects are strict: a
 * field an answer has and its shape does not is a test failure.
 */
import * as z from 'zod/mini';
import {
  ACCOUNT_STATUSES,
  ACCOUNT_TYPES,
  AUDIT_SUBJECT_TYPES,
  DESK_ACCESS_MODES,
  INVITATION_STATUSES,
  MAIL_OUTCOMES,
  REQUEST_CHANNELS,
  STAFF_ROLES,
} from '#model/vocabulary';

const names = new Map<z.ZodMiniType, string>();
/** A shape under its name in the OpenAPI components and the reference. */
export const named = <T extends z.ZodMiniType>(name: string, shape: T): T => {
  names.set(shape, name);
  return shape;
};

const links = <const K extends string>(...keys: K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, z.string()])) as Record<K, z.ZodMiniString>);
const selfLink = links('self');

/** Any JSON value (an organization property's). */
export const jsonValueShape = named('JsonValue', z.json());

export const jsmErrorShape = named('Error', z.strictObject({
  errorMessage: z.string(),
  i18nErrorMessage: z.strictObject({ i18nKey: z.string(), parameters: z.array(z.string()) }),
}));

/** JSM's date object. */
export const dateShape = named('JsmDate', z.strictObject({ iso8601: z.string(), jira: z.string(), friendly: z.string(), epochMillis: z.number() }));

const buildPage = <T extends z.ZodMiniType>(value: T) =>
  z.strictObject({
    _expands: z.array(z.string()),
    size: z.number(),
    start: z.number(),
    limit: z.number(),
    isLastPage: z.boolean(),
    values: z.array(value),
    _links: z.strictObject({ base: z.string(), context: z.string(), self: z.string(), next: z.optional(z.string()), prev: z.optional(z.string()) }),
  });
const pages = new Map<z.ZodMiniType, z.ZodMiniType>();
/** A JSM page of `values`: `next` while there are more, `prev` after the first. One per value shape (named `<Value>Page`). */
export const pageShape = <T extends z.ZodMiniType>(value: T): ReturnType<typeof buildPage<T>> => {
  const page = pages.get(value) ?? buildPage(value);
  pages.set(value, page);
  return page as ReturnType<typeof buildPage<T>>;
};

/** JSM's User; `emailAddress` only for an audience that may see it (staff, the person), null once anonymized. */
export const userShape = named('User', z.strictObject({
  accountId: z.string(),
  emailAddress: z.optional(z.nullable(z.string())),
  displayName: z.string(),
  active: z.boolean(),
  timeZone: z.string(),
  _links: z.strictObject({ jiraRest: z.string(), avatarUrls: z.record(z.string(), z.string()), self: z.string() }),
}));
/** A person whose account could not be read: the id alone. */
const personShape = z.union([userShape, z.strictObject({ accountId: z.string() })]);

/** The directory's entry: the User fields and what the directory manages. */
export const directoryEntryShape = named('DirectoryEntry', z.strictObject({
  ...userShape.def.shape,
  status: z.enum(ACCOUNT_STATUSES),
  accountType: z.enum(ACCOUNT_TYPES),
  staffRole: z.optional(z.enum(STAFF_ROLES)),
  created: dateShape,
  updated: dateShape,
  version: z.number(),
}));
const invitationStatus = z.enum(INVITATION_STATUSES);
/** A customer profile: the entry, organizations, the latest invitation and the desks they may use, and why. */
export const profileShape = named('CustomerProfile', z.strictObject({
  ...directoryEntryShape.def.shape,
  organizations: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  access: z.array(
    z.strictObject({
      serviceDeskId: z.string(),
      projectKey: z.string(),
      via: z.array(z.strictObject({ type: z.enum(['direct', 'organization', 'open', 'agent']), organizationId: z.optional(z.string()) })),
    }),
  ),
  invitation: z.nullable(z.strictObject({ id: z.string(), status: invitationStatus, expiresAt: z.string(), serviceDeskId: z.nullable(z.string()) })),
}));
/** The signed-in customer. */
export const meShape = named('Me', z.strictObject({
  ...userShape.def.shape,
  status: z.enum(ACCOUNT_STATUSES),
  accountType: z.enum(ACCOUNT_TYPES),
  /** The organizations the customer belongs to, each with the desks it is linked to (where it can share requests). */
  organizations: z.array(z.strictObject({ id: z.string(), name: z.string(), serviceDeskIds: z.array(z.string()) })),
}));

export const auditEventShape = named('AuditEvent', z.strictObject({
  id: z.string(),
  action: z.string(),
  created: dateShape,
  actor: z.strictObject({ accountId: z.string() }),
  subjects: z.array(z.strictObject({ type: z.enum(AUDIT_SUBJECT_TYPES), id: z.string() })),
  before: z.nullable(z.record(z.string(), z.unknown())),
  after: z.nullable(z.record(z.string(), z.unknown())),
}));

/** JSM's ServiceDesk, with our access mode and Cc rule. */
export const deskShape = named('ServiceDesk', z.strictObject({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  projectKey: z.string(),
  access: z.enum(DESK_ACCESS_MODES),
  ccParticipants: z.boolean(),
  _links: selfLink,
}));
/** Our own desk answers (admin create and change, an organization's desks, the portal's desks): the ServiceDesk, its description and whether it confirms new requests by mail. */
export const describedDeskShape = named('DescribedServiceDesk', z.strictObject({ ...deskShape.def.shape, description: z.string(), acknowledgeRequests: z.boolean() }));
/** JSM's Organization. */
export const organizationShape = named('Organization', z.strictObject({ id: z.string(), name: z.string(), _links: selfLink }));

const requestTypeFieldShape = z.strictObject({
  fieldId: z.string(),
  name: z.string(),
  description: z.string(),
  required: z.boolean(),
  defaultValues: z.array(z.unknown()),
  validValues: z.array(z.strictObject({ value: z.string(), label: z.string(), children: z.array(z.unknown()) })),
  presetValues: z.array(z.unknown()),
  jiraSchema: z.strictObject({ type: z.string(), system: z.optional(z.string()), custom: z.optional(z.string()), customId: z.optional(z.number()), items: z.optional(z.string()) }),
  visible: z.boolean(),
});
/** JSM's CustomerRequestCreateMeta: the fields a request of a type takes. */
export const requestTypeFieldsShape = named('RequestTypeFields', z.strictObject({
  canAddRequestParticipants: z.boolean(),
  canRaiseOnBehalfOf: z.boolean(),
  requestTypeFields: z.array(requestTypeFieldShape),
}));
/** JSM's RequestType; `fields` with `expand=field`. */
export const requestTypeShape = named('RequestType', z.strictObject({
  _expands: z.array(z.string()),
  id: z.string(),
  name: z.string(),
  description: z.string(),
  helpText: z.string(),
  serviceDeskId: z.string(),
  portalId: z.string(),
  groupIds: z.array(z.string()),
  restrictionStatus: z.string(),
  fields: z.optional(requestTypeFieldsShape),
  _links: selfLink,
}));
export const requestTypeGroupShape = named('RequestTypeGroup', z.strictObject({ id: z.string(), name: z.string() }));

/** JSM's CustomerRequestStatus. */
export const statusShape = named('CustomerRequestStatus', z.strictObject({ status: z.string(), statusCategory: z.enum(['NEW', 'INDETERMINATE', 'DONE']), statusDate: dateShape }));
/** JSM's CustomerRequest; `participants`, `status`, `requestType`, `serviceDesk` as `expand` asks. */
export const requestShape = named('CustomerRequest', z.strictObject({
  _expands: z.array(z.string()),
  issueId: z.string(),
  issueKey: z.string(),
  requestTypeId: z.string(),
  serviceDeskId: z.string(),
  createdDate: dateShape,
  reporter: personShape,
  requestFieldValues: z.array(
    z.strictObject({
      fieldId: z.string(),
      label: z.string(),
      value: z.union([z.string(), z.number(), z.strictObject({ id: z.string(), value: z.string() }), z.array(z.strictObject({ id: z.string() }))]),
    }),
  ),
  currentStatus: statusShape,
  /** Beyond JSM: latest activity (a comment or a status change), what lists are ordered by. */
  updatedDate: dateShape,
  /** Beyond JSM: the closed request this one follows up. */
  followUpOf: z.optional(z.string()),
  participants: z.optional(pageShape(userShape)),
  status: z.optional(pageShape(statusShape)),
  requestType: z.optional(requestTypeShape),
  serviceDesk: z.optional(deskShape),
  organizationId: z.optional(z.string()),
  channel: z.enum(REQUEST_CHANNELS),
  _links: links('jiraRest', 'web', 'self'),
}));
/** JSM's Comment. */
export const commentShape = named('Comment', z.strictObject({ id: z.string(), body: z.string(), public: z.boolean(), author: personShape, created: dateShape, _links: selfLink }));
/** JSM's CSATFeedbackFull. */
export const attachmentShape = named(
  'Attachment',
  z.strictObject({
    filename: z.string(),
    author: personShape,
    created: dateShape,
    size: z.number(),
    mimeType: z.string(),
    _links: z.strictObject({ content: z.string(), thumbnail: z.optional(z.string()) }),
  }),
);
export const temporaryAttachmentsShape = named('TemporaryAttachments', z.strictObject({ temporaryAttachments: z.array(z.strictObject({ temporaryAttachmentId: z.string(), fileName: z.string() })) }));
export const attachmentCreateResultShape = named('AttachmentCreateResult', z.strictObject({ comment: commentShape, attachments: pageShape(attachmentShape) }));
export const uploadFormShape = named(
  'UploadForm',
  z.strictObject({ temporaryAttachmentId: z.string(), fileName: z.string(), url: z.string(), fields: z.record(z.string(), z.string()), expiresAt: z.string() }),
);
export const feedbackShape = named('CsatFeedback', z.strictObject({ type: z.literal('csat'), rating: z.number(), comment: z.optional(z.strictObject({ body: z.string() })) }));
export const transitionShape = named('Transition', z.strictObject({ id: z.string(), name: z.string() }));

/** A portal invitation as staff see it (never its token). */
export const invitationShape = named('Invitation', z.strictObject({
  id: z.string(),
  email: z.string(),
  accountId: z.string(),
  serviceDeskId: z.nullable(z.string()),
  status: invitationStatus,
  expiresAt: dateShape,
  created: dateShape,
  invitedBy: z.string(),
  sesMessageId: z.nullable(z.string()),
  /** A bounce or complaint SES reported for the invitation's mail. */
  deliveryFailure: z.nullable(z.strictObject({ type: z.enum(['bounce', 'complaint']), at: z.string(), detail: z.optional(z.string()) })),
  resendsInLast24Hours: z.number(),
  _links: selfLink,
}));
/** One email's outcome in an invitation call. */
export const inviteResultShape = named('InviteResult', z.strictObject({
  email: z.string(),
  outcome: z.enum(['invited', 'resent', 'already-active', 'suspended', 'invalid']),
  accountId: z.optional(z.string()),
  invitationId: z.optional(z.string()),
  /** Whether a mail went out: false when SES refused it, or on `resent` past 3 resends in 24 hours. */
  mailed: z.optional(z.boolean()),
}));
/** A portal session: the Bearer token and when it ends. */
export const sessionShape = named('Session', z.strictObject({ token: z.string(), expiresAt: z.string() }));
/** A session in the help center's cookie (`cookie: true`): the token is in the cookie, the CSRF token for writes here. */
export const cookieSessionShape = named('CookieSession', z.strictObject({ accountId: z.string(), expiresAt: z.string(), persistent: z.boolean(), csrfToken: z.string() }));
export const newSessionShape = named('NewSession', z.union([sessionShape, cookieSessionShape]));
/** The caller's own session: when it ends; the CSRF token when it is the cookie's. */
export const portalSessionShape = named('PortalSession', z.strictObject({ accountId: z.string(), expiresAt: z.string(), persistent: z.boolean(), csrfToken: z.optional(z.string()) }));
/** An inbound message in the mail log. */
export const mailEntryShape = named('MailLogEntry', z.strictObject({
  id: z.string(),
  received: dateShape,
  from: z.string(),
  to: z.array(z.string()),
  recipients: z.array(z.string()),
  subject: z.string(),
  size: z.number(),
  outcome: z.optional(z.enum(MAIL_OUTCOMES)),
  reason: z.optional(z.string()),
  serviceDeskId: z.optional(z.string()),
  issueKey: z.optional(z.string()),
}));

export const infoShape = named('Info', z.strictObject({
  version: z.string(),
  platformVersion: z.string(),
  buildDate: dateShape,
  buildChangeSet: z.string(),
  isLicensedForUse: z.boolean(),
  _links: selfLink,
}));
export const openApiShape = named('OpenApiDocument', z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }));
/** A staff API token, shown once. */
export const apiTokenShape = named('ApiToken', z.strictObject({ accountId: z.string(), apiToken: z.string() }));
export const newStaffShape = named('NewStaffMember', z.strictObject({ ...apiTokenShape.def.shape, email: z.string(), displayName: z.string(), role: z.enum(STAFF_ROLES) }));
/** An organization deletion that ran out of time: the organization is gone for everyone; DELETE again to finish. */
export const deletionShape = named('OrganizationDeletion', z.strictObject({ status: z.literal('deleting'), removed: z.number() }));
export const propertyKeysShape = named('PropertyKeys', z.strictObject({ keys: z.array(z.strictObject({ self: z.string(), key: z.string() })) }));
export const propertyShape = named('Property', z.strictObject({ key: z.string(), value: jsonValueShape }));
export const domainsShape = named('EmailDomains', z.strictObject({
  domains: z.array(z.string()),
  dryRun: z.boolean(),
  backfill: z.boolean(),
  matched: z.array(z.strictObject({ accountId: z.string(), emailAddress: z.nullable(z.string()) })),
}));
export const inviteResultsShape = named('InviteResults', z.strictObject({ results: z.array(inviteResultShape) }));
export const messageShape = named('Message', z.strictObject({ message: z.string() }));
export const notificationShape = named('NotificationSubscription', z.strictObject({ subscribed: z.boolean() }));

/** The shapes with a name, for the OpenAPI components and the reference: each named one, and a page of each. */
export const namedShapes = (): Record<string, z.ZodMiniType> => {
  const all: Record<string, z.ZodMiniType> = {};
  for (const [shape, name] of names) {
    all[name] = shape;
    const page = pages.get(shape);
    if (page) all[`${name}Page`] = page;
  }
  return all;
};

export const shapeName = (schema: z.ZodMiniType): string | undefined => Object.entries(namedShapes()).find(([, s]) => s === schema)?.[0];
