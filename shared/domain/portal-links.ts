/** The portal links our mails carry, spelled once (a leaf: the cleanup's bundle needs these and nothing else of the portal). */
export const portalUrl = (): string => process.env.PORTAL_URL ?? 'http://localhost:3000/portal';

export const invitationAcceptLink = (token: string): string => `${portalUrl()}/invitation/accept?token=${encodeURIComponent(token)}`;

export const signInLink = (): string => `${portalUrl()}/signin`;

export const passwordResetLink = (token: string): string => `${portalUrl()}/password/reset?token=${encodeURIComponent(token)}`;

export const requestLink = (issueKey: string): string => `${portalUrl()}/request/${encodeURIComponent(issueKey)}`;

/** Where identity providers send customers back: the portal's page that finishes a single sign-on. */
export const ssoRedirectUri = (): string => `${portalUrl()}/sso/callback`;

/** The staff console: beside the portal, on the same origin (`/console`). */
export const consoleUrl = (): string => new URL('/console', portalUrl()).href;

/** Where a new staff member chooses their first password. */
export const consoleSetPasswordLink = (token: string): string => `${consoleUrl()}/set-password?token=${encodeURIComponent(token)}`;

/** Where a staff member who forgot their password chooses a new one. */
export const consoleResetPasswordLink = (token: string): string => `${consoleUrl()}/reset-password?token=${encodeURIComponent(token)}`;
