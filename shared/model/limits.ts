/** Sizes and counts the product accepts: the edge validates against them, the domain cuts to them. */
export const LIMITS = {
  bodyBytes: 64 * 1024,
  pageDefault: 50,
  pageMax: 100,
  emailLength: 254,
  displayNameLength: 255,
  searchLength: 254,
  accountIdsPerCall: 50,
  organizationName: 200,
  /** A desk's description, shown on its card in the portal. */
  deskDescriptionLength: 1000,
  propertyKeyLength: 255,
  propertyValueBytes: 32 * 1024,
  domainsPerOrganization: 10,
  invitationsPerCall: 100,
  passwordMin: 8,
  passwordMax: 200,
  textLength: 32 * 1024,
  /** Attachments (README: Attachments). One multipart upload through the API: under Lambda's 6 MB payload once API Gateway base64-encodes it. */
  uploadBodyBytes: 4 * 1024 * 1024,
  filesPerUpload: 10,
  /** One file; above uploadBodyBytes it goes through a presigned POST. */
  fileBytes: 25 * 1024 * 1024,
  attachmentBytesPerRequest: 100 * 1024 * 1024,
  attachmentsPerRequest: 100,
  /** temporaryAttachmentIds in one attach call. */
  attachmentsPerCall: 20,
  fileNameLength: 255,
} as const;
