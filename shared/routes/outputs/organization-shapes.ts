/** The answers about organizations beyond JSM's: their email domains as set. */
import * as z from 'zod/mini';
import { named } from './shapes';

/** An organization's email domains, as admins set them (PUT .../domains). */
export const organizationDomainsShape = named('OrganizationDomains', z.strictObject({ domains: z.array(z.string()) }));
