/**
 * The domain's vocabulary (DESIGN.md section 1): the values each kind of thing can take. A leaf: every layer may
 * import it, and the entity schemas in shared/store/entities build on it.
 */
export const ACCOUNT_TYPES = ['portal', 'site'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ACCOUNT_STATUSES = ['invited', 'active', 'suspended', 'anonymized'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const STAFF_ROLES = ['agent', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const DESK_ACCESS_MODES = ['open', 'restricted'] as const;
export type DeskAccess = (typeof DESK_ACCESS_MODES)[number];

/** The kinds of custom field a request type may declare (`organizations`: JSM's Organizations field). */
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'organizations'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const REQUEST_STATUSES = ['Waiting for support', 'Waiting for customer', 'Resolved', 'Closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_CHANNELS = ['portal', 'email', 'api'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const MAIL_OUTCOMES = ['accepted', 'commented', 'rejected', 'ignored'] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];

/** What an audit event can be listed under. */
export const AUDIT_SUBJECT_TYPES = ['account', 'organization', 'servicedesk', 'identityprovider'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];
