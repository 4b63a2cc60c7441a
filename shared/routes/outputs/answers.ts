/**
 * What each route answers on success, by status: a shape (shapes.ts), or null for no body. The route's own success
 * status is required (the type says so), others are listed where a route has them (202 while an organization is
 * still being deleted, 201 when a property is created). Read by the OpenAPI generator and by the tests, never by a
 * handler.
 */
import type * as z from 'zod/mini';
import type { Routes } from '../table';
import {
  apiTokenShape,
  auditEventShape,
  commentShape,
  deletionShape,
  deskShape,
  directoryEntryShape,
  domainsShape,
  feedbackShape,
  infoShape,
  invitationShape,
  inviteResultShape,
  inviteResultsShape,
  mailEntryShape,
  meShape,
  messageShape,
  newStaffShape,
  notificationShape,
  openApiShape,
  organizationShape,
  pageShape,
  profileShape,
  propertyKeysShape,
  propertyShape,
  requestShape,
  requestTypeFieldsShape,
  requestTypeGroupShape,
  requestTypeShape,
  newSessionShape,
  portalSessionShape,
  statusShape,
  transitionShape,
  userShape,
  identityProviderShape,
  signInStartShape,
} from './shapes';

type SuccessStatus = 200 | 201 | 202 | 204;
/** A shape, or null: no body. */
export type Answer = z.ZodMiniType | null;
export type RouteAnswers = { [K in keyof Routes]: Record<Routes[K]['success'], Answer> & Partial<Record<SuccessStatus, Answer>> };

export const ROUTE_ANSWERS: RouteAnswers = {
  getInfo: { 200: infoShape },
  getOpenApi: { 200: openApiShape },

  createCustomer: { 201: userShape },
  revokePortalAccess: { 204: null },
  listDirectory: { 200: pageShape(directoryEntryShape) },
  getCustomer: { 200: profileShape },
  updateCustomer: { 200: directoryEntryShape },
  anonymizeCustomer: { 204: null },
  restoreCustomer: { 204: null },
  listAudit: { 200: pageShape(auditEventShape) },

  createStaff: { 201: newStaffShape },
  rotateStaffToken: { 200: apiTokenShape },

  createDesk: { 201: deskShape },
  updateDesk: { 200: deskShape },
  addDeskAgents: { 204: null },
  removeDeskAgents: { 204: null },
  createRequestType: { 201: requestTypeShape },
  listDesks: { 200: pageShape(deskShape) },
  getDesk: { 200: deskShape },
  listRequestTypes: { 200: pageShape(requestTypeShape) },
  getRequestType: { 200: requestTypeShape },
  listRequestTypeFields: { 200: requestTypeFieldsShape },
  createJsmRequestType: { 200: requestTypeShape },
  deleteRequestType: { 204: null },
  listAllRequestTypes: { 200: pageShape(requestTypeShape) },
  listRequestTypeGroups: { 200: pageShape(requestTypeGroupShape) },
  listDeskCustomers: { 200: pageShape(userShape) },
  addDeskCustomers: { 204: null },
  removeDeskCustomers: { 204: null },
  listDeskOrganizations: { 200: pageShape(organizationShape) },
  linkDeskOrganization: { 204: null },
  unlinkDeskOrganization: { 204: null },

  listOrganizations: { 200: pageShape(organizationShape) },
  createOrganization: { 201: organizationShape },
  getOrganization: { 200: organizationShape },
  /** 202 while memberships remain to remove: the organization is gone for everyone; DELETE again to finish. */
  deleteOrganization: { 204: null, 202: deletionShape },
  listOrganizationUsers: { 200: pageShape(userShape) },
  addOrganizationUsers: { 204: null },
  removeOrganizationUsers: { 204: null },
  listOrganizationProperties: { 200: propertyKeysShape },
  getOrganizationProperty: { 200: propertyShape },
  /** 201 when created, 200 when updated. */
  setOrganizationProperty: { 200: null, 201: null },
  deleteOrganizationProperty: { 204: null },
  setOrganizationDomains: { 200: domainsShape },

  inviteCustomers: { 200: inviteResultsShape },
  inviteDeskCustomer: { 200: inviteResultShape },
  listInvitations: { 200: pageShape(invitationShape) },
  resendInvitation: { 200: invitationShape },
  revokeInvitation: { 204: null },
  signUp: { 202: messageShape },

  acceptInvitation: { 200: newSessionShape },
  signIn: { 200: newSessionShape },
  forgotPassword: { 202: messageShape },
  resetPassword: { 204: null },
  getMe: { 200: meShape },
  getSession: { 200: portalSessionShape },
  listIdentityProviders: { 200: pageShape(identityProviderShape) },
  getIdentityProvider: { 200: identityProviderShape },
  putIdentityProvider: { 200: identityProviderShape, 201: identityProviderShape },
  deleteIdentityProvider: { 204: null },
  startSignIn: { 200: signInStartShape },
  completeSignIn: { 200: newSessionShape },
  endSession: { 204: null },
  listMyDesks: { 200: pageShape(deskShape) },

  createRequest: { 201: requestShape },
  listRequests: { 200: pageShape(requestShape) },
  getRequest: { 200: requestShape },
  listComments: { 200: pageShape(commentShape) },
  getComment: { 200: commentShape },
  listRequestStatuses: { 200: pageShape(statusShape) },
  listParticipants: { 200: pageShape(userShape) },
  getNotification: { 200: notificationShape },
  subscribeNotification: { 204: null },
  unsubscribeNotification: { 204: null },
  getFeedback: { 200: feedbackShape },
  giveFeedback: { 200: feedbackShape },
  withdrawFeedback: { 204: null },

  addComment: { 201: commentShape },
  addParticipants: { 200: pageShape(userShape) },
  removeParticipants: { 200: pageShape(userShape) },
  listTransitions: { 200: pageShape(transitionShape) },
  performTransition: { 204: null },

  listMail: { 200: pageShape(mailEntryShape) },
  acceptMail: { 201: requestShape },
};
