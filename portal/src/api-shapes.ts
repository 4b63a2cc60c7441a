/** The API's answers as the portal reads them (JSM's shapes, and the portal API's own). */

import type { JsmDate, Page } from '../../web/jsm-shapes';

export type { JsmDate, Page };
export interface User {
  accountId: string;
  displayName?: string;
  emailAddress?: string;
}
export interface Me extends User {
  status: string;
  accountType: string;
  /** The organizations the customer belongs to, with the desks each is linked to. */
  organizations: Array<{ id: string; name: string; serviceDeskIds: string[] }>;
}
export interface SessionAnswer {
  accountId: string;
  expiresAt: string;
  persistent: boolean;
  csrfToken: string;
}
export interface Desk {
  id: string;
  projectName: string;
  projectKey: string;
  /** Plain text, possibly empty (GET /rest/portal/1/servicedesk). */
  description?: string;
}
export interface RequestTypeField {
  fieldId: string;
  name: string;
  description: string;
  required: boolean;
  validValues: { value: string; label: string }[];
  jiraSchema: { type: string; system?: string; custom?: string };
}
export interface RequestType {
  id: string;
  name: string;
  description?: string;
  helpText?: string;
  /** With expand=field. */
  fields?: { requestTypeFields: RequestTypeField[] };
}
export interface FieldValue {
  fieldId: string;
  label?: string;
  value: unknown;
}
export interface StatusEntry {
  status: string;
  statusCategory: string;
  statusDate: JsmDate;
}
export interface CustomerRequest {
  issueId: string;
  issueKey: string;
  serviceDeskId: string;
  requestTypeId: string;
  createdDate: JsmDate;
  /** Latest activity: a comment or a status change. */
  updatedDate?: JsmDate;
  reporter: User;
  requestFieldValues: FieldValue[];
  currentStatus: StatusEntry;
  /** The organization the request is shared with. */
  organizationId?: string;
  /** The closed request this one follows up (its key). */
  followUpOf?: string;
  /** With expand=requestType,serviceDesk,status. */
  requestType?: RequestType;
  serviceDesk?: Desk;
  status?: Page<StatusEntry>;
}
export interface Transition {
  id: string;
  name: string;
}
export interface Comment {
  id: string;
  body: string;
  public: boolean;
  author: User;
  created: JsmDate;
}
export type Ownership = 'OWNED_REQUESTS' | 'PARTICIPATED_REQUESTS' | 'ALL_ORGANIZATIONS';
export interface RequestFilter {
  ownership?: Ownership;
  status?: 'OPEN_REQUESTS' | 'CLOSED_REQUESTS' | 'ALL_REQUESTS';
  serviceDeskId?: string;
  requestTypeId?: string;
  searchTerm?: string;
  start?: number;
  limit?: number;
}
export interface Attachment {
  filename: string;
  mimeType: string;
  size: number;
  author: User;
  created: JsmDate;
  _links: { content: string; thumbnail?: string };
}
export interface TemporaryAttachments {
  temporaryAttachments: Array<{ temporaryAttachmentId: string; fileName: string }>;
}
export interface UploadForm {
  temporaryAttachmentId: string;
  url: string;
  fields: Record<string, string>;
}

