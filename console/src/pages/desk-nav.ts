/** The heading part every page of one desk shares: its name, and links between its requests and its customers. */
import { h } from '../../../web/dom';
import type { Desk } from '../api';
import { link } from '../router';

export const deskTabs = (desk: Desk, here: 'requests' | 'customers') =>
  h(
    'nav',
    { class: 'links tabs', 'aria-label': `${desk.projectName}` },
    link(`/desk/${desk.id}/requests`, 'Requests', here === 'requests' ? { 'aria-current': 'page' } : {}),
    link(`/desk/${desk.id}/customers`, 'Customers', here === 'customers' ? { 'aria-current': 'page' } : {}),
  );
