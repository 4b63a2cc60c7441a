/** Desks and their customers, organizations and requests, through JSM's own routes (agents of the desk, and admins). */
import { ADMIN, JSM, call, query, ref } from './api';
import type { Comment, CustomerRequest, Desk, Organization, Page, Transition, User } from './api-shapes';

export const listDesks = (start = 0) => call<Page<Desk>>('GET', `${JSM}/servicedesk${query({ start, limit: 50 })}`);
export const getDesk = (id: string) => call<Desk>('GET', `${JSM}/servicedesk/${ref(id)}`);

export const deskCustomers = (id: string, start = 0, search = '') => call<Page<User>>('GET', `${JSM}/servicedesk/${ref(id)}/customer${query({ start, limit: 50, query: search })}`);
export const addDeskCustomers = (id: string, accountIds: string[]) => call<void>('POST', `${JSM}/servicedesk/${ref(id)}/customer`, { accountIds });
export const removeDeskCustomers = (id: string, accountIds: string[]) => call<void>('DELETE', `${JSM}/servicedesk/${ref(id)}/customer`, { accountIds });
export const deskOrganizations = (id: string, start = 0) => call<Page<Organization>>('GET', `${JSM}/servicedesk/${ref(id)}/organization${query({ start, limit: 50 })}`);
export const linkOrganization = (id: string, organizationId: string) => call<void>('POST', `${JSM}/servicedesk/${ref(id)}/organization`, { organizationId: Number(organizationId) });
export const unlinkOrganization = (id: string, organizationId: string) => call<void>('DELETE', `${JSM}/servicedesk/${ref(id)}/organization`, { organizationId: Number(organizationId) });

export interface QueueFilter {
  serviceDeskId: string;
  status?: 'OPEN_REQUESTS' | 'CLOSED_REQUESTS' | 'ALL_REQUESTS';
  reporter?: string;
  start?: number;
}
/**
 * A desk's requests as its agents see them (JSM's `requestOwnership=ALL_REQUESTS`), or only those one customer raised
 * there (`reporter`: the admin API's customer requests, through the same access rule).
 */
export const deskRequests = ({ serviceDeskId, status = 'ALL_REQUESTS', reporter, start = 0 }: QueueFilter) =>
  reporter
    ? call<Page<CustomerRequest>>('GET', `${ADMIN}/customer/${ref(reporter)}/request${query({ serviceDeskId, requestStatus: status, start, limit: 25 })}`)
    : call<Page<CustomerRequest>>('GET', `${JSM}/request${query({ serviceDeskId, requestOwnership: 'ALL_REQUESTS', requestStatus: status, start, limit: 25 })}`);
export const getRequest = (key: string) => call<CustomerRequest>('GET', `${JSM}/request/${ref(key)}`);
export const requestComments = (key: string) => call<Page<Comment>>('GET', `${JSM}/request/${ref(key)}/comment?limit=100`);
export const addComment = (key: string, body: string, isPublic: boolean) => call<Comment>('POST', `${JSM}/request/${ref(key)}/comment`, { body, public: isPublic });
export const transitions = (key: string) => call<Page<Transition>>('GET', `${JSM}/request/${ref(key)}/transition`);
export const transition = (key: string, id: string) => call<void>('POST', `${JSM}/request/${ref(key)}/transition`, { id });
