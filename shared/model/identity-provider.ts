/**
 * An identity provider's settings, as an admin sets them (the client secret never among them): the entity stores
 * them (shared/store/entities/identity-provider.ts) and the answer shows them (shared/routes/outputs/shapes.ts).
 */
import * as z from 'zod/mini';

export const identityProviderSettings = z.object({
  /** The OpenID Connect issuer: its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuer: z.string(),
  clientId: z.string(),
  /** Email domains whose customers sign in through this provider. */
  domains: z.array(z.string()),
  /** An unknown email of a domain gets an account at its first sign-in (and joins the domain's organization). */
  justInTime: z.boolean(),
  /** Customers of these domains may still sign in with a password. */
  passwordSignIn: z.boolean(),
});
export type IdentityProviderSettings = z.infer<typeof identityProviderSettings>;
