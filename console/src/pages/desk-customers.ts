/**
 * A desk → Customers: who may use this desk (its customers, and the organizations linked to it), with add and remove;
 * inviting by pasted addresses, with the outcome per address; and a link to the requests each customer raised here.
 * Admins add people found in the directory; agents add them by inviting their address (an existing account is added).
 */
import { h } from '../../../web/dom';
import * as api from '../api';
import { addDeskCustomers, deskCustomers, deskOrganizations, getDesk, linkOrganization, removeDeskCustomers, unlinkOrganization } from '../api-desks';
import { link } from '../router';
import { actionButton, loading, refill, section, selectField, show, statusLine, table } from '../ui';
import { deskTabs } from './desk-nav';
import { findPeople } from './find-people';
import { nameOf, peopleList } from './people-list';
import { listOrganizations } from '../api-organizations';
import { inviteForm } from './invite-results';

type Desk = api.Desk;

/** The desk's customers, with their requests here and Remove; re-drawn in place after every change. */
const customersList = (desk: Desk, status: HTMLElement) =>
  peopleList({
    caption: `Customers of ${desk.projectName}`,
    what: 'customers',
    empty: 'No customer has been added to this desk.',
    status,
    load: (start) => deskCustomers(desk.id, start),
    remove: async (person) => {
      await removeDeskCustomers(desk.id, [person.accountId]);
      return `${nameOf(person)} is no longer a customer of ${desk.projectName}.`;
    },
    extra: {
      column: 'Requests',
      cell: (person) => link(`/desk/${desk.id}/requests?reporter=${encodeURIComponent(person.accountId)}`, 'Requests raised here', { 'aria-label': `Requests raised here by ${nameOf(person)}` }),
    },
  });

/** The organizations linked to the desk (their members may use it), with unlink, and a picker to link one more. */
const organizationsPart = (desk: Desk, status: HTMLElement) => {
  const box = h('div', {});
  const draw = async () => {
    const [linked, all] = await Promise.all([deskOrganizations(desk.id), listOrganizations()]);
    const linkedIds = new Set(linked.values.map((o) => o.id));
    const candidates = all.values.filter((o) => !linkedIds.has(o.id));
    const picker = h('form', { class: 'inline', 'aria-label': 'Link an organization' }, selectField('Organization', 'organizationId', candidates.map((o) => [o.id, o.name]), ''), h('button', { type: 'submit' }, 'Link')) as HTMLFormElement;
    picker.addEventListener('submit', async (event) => {
      event.preventDefault();
      const chosen = String(new FormData(picker).get('organizationId') ?? '');
      try {
        await linkOrganization(desk.id, chosen);
        await draw();
        status.replaceChildren(h('p', { class: 'notice' }, `${all.values.find((o) => o.id === chosen)?.name} is linked: its members may use ${desk.projectName}.`));
      } catch (error) {
        status.replaceChildren(h('div', { class: 'error', role: 'alert' }, (error as Error).message));
      }
    });
    refill(
      box,
      linked.values.length === 0
        ? h('p', {}, 'No organization is linked to this desk.')
        : table(
          `Organizations linked to ${desk.projectName}`,
          ['Organization', ''],
          linked.values.map((o) => [
            link(`/organization/${o.id}`, o.name),
            actionButton(
              'Unlink',
              status,
              async () => {
                await unlinkOrganization(desk.id, o.id);
                await draw();
                return `${o.name} is unlinked: its members keep only the access they have otherwise.`;
              },
              { class: 'secondary', 'aria-label': `Unlink ${o.name}` },
            ),
          ]),
        ),
      candidates.length > 0 ? picker : null,
    );
  };
  return { box, draw };
};

export const deskCustomersPage = async (deskId: string) => {
  loading('Customers');
  const desk = await getDesk(deskId);
  const status = statusLine();
  const customers = customersList(desk, status);
  const organizations = organizationsPart(desk, status);
  await Promise.all([customers.draw(), organizations.draw()]);
  show(
    `${desk.projectName}: customers`,
    deskTabs(desk, 'customers'),
    h('p', {}, desk.access === 'open' ? 'This desk is open: anyone may sign up and raise requests. Its customers below are those added by name.' : 'Only the people below, and members of the organizations linked to it, may use this desk.'),
    status,
    section('Customers', customers.box),
    api.isAdmin()
      ? section(
          'Add from the directory',
          findPeople(status, 'Add', async (person) => {
            await addDeskCustomers(desk.id, [person.accountId]);
            await customers.draw();
            return `${person.displayName || person.emailAddress} is now a customer of ${desk.projectName}.`;
          }),
        )
      : null,
    section('Invite by email', h('p', {}, 'New addresses get an invitation; people who already have an account are added at once.'), inviteForm(desk, customers.draw)),
    section('Organizations', organizations.box),
  );
};
