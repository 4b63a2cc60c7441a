/**
 * The portal's Content-Security-Policy: only its own origin (scripts, styles, API), no inline code, no framing; and
 * the attachments bucket's origin for fetch (downloads follow the API's redirect there, large uploads POST there).
 * A leaf, read by CloudFront's response headers policy (infra/constructs/portal.ts) and by the local gateway, which
 * sends it with the portal's files so the browser tests run the portal under the policy AWS enforces.
 */
export const contentSecurityPolicy = (filesOrigin: string): string => [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  `connect-src 'self' ${filesOrigin}`,
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
