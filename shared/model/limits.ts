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
  propertyKeyLength: 255,
  propertyValueBytes: 32 * 1024,
  domainsPerOrganization: 10,
  invitationsPerCall: 100,
  passwordMin: 8,
  passwordMax: 200,
  textLength: 32 * 1024,
} as const;
