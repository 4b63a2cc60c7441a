/** Organizations: JSM's own routes (list, create, delete, members, properties) and the admin API's (domains, linked desks). */
import { ADMIN, JSM, call, query, ref } from './api';
import type { Desk, EmailDomains, Organization, Page, User } from './api-shapes';

const ORG = (id: string) => `${JSM}/organization/${ref(id)}`;

export const listOrganizations = (start = 0) => call<Page<Organization>>('GET', `${JSM}/organization${query({ start, limit: 50 })}`);
export const createOrganization = (name: string) => call<Organization>('POST', `${JSM}/organization`, { name });
export const getOrganization = (id: string) => call<Organization>('GET', ORG(id));
/** One step of a deletion: done (nothing answered), or still removing (`removed` in this step; call again to go on). */
export const deleteOrganizationStep = (id: string) => call<{ status: 'deleting'; removed: number } | undefined>('DELETE', ORG(id));

export const members = (id: string, start = 0) => call<Page<User>>('GET', `${ORG(id)}/user${query({ start, limit: 50 })}`);
export const addMembers = (id: string, accountIds: string[]) => call<void>('POST', `${ORG(id)}/user`, { accountIds });
export const removeMembers = (id: string, accountIds: string[]) => call<void>('DELETE', `${ORG(id)}/user`, { accountIds });

export const propertyKeys = (id: string) => call<{ keys: { key: string }[] }>('GET', `${ORG(id)}/property`);
export const getProperty = (id: string, key: string) => call<{ key: string; value: unknown }>('GET', `${ORG(id)}/property/${ref(key)}`);
export const setProperty = (id: string, key: string, value: unknown) => call<unknown>('PUT', `${ORG(id)}/property/${ref(key)}`, value);
export const deleteProperty = (id: string, key: string) => call<void>('DELETE', `${ORG(id)}/property/${ref(key)}`);

export const linkedDesks = (id: string) => call<Page<Desk>>('GET', `${ADMIN}/organization/${ref(id)}/servicedesk`);
export const getDomains = (id: string) => call<{ domains: string[] }>('GET', `${ADMIN}/organization/${ref(id)}/domains`);
/** Sets the email domains (at most 10); `dryRun` only answers who would join; `backfill` also adds existing accounts of those domains. */
export const setDomains = (id: string, domains: string[], { dryRun, backfill }: { dryRun: boolean; backfill: boolean }) =>
  call<EmailDomains>('PUT', `${ADMIN}/organization/${ref(id)}/domains`, { domains, dryRun, backfill });
