/**
 * One organization: its members (add, remove), the desks it is linked to, its properties, its email domains (a
 * dry run says who would join before they are applied), its audit trail, and deleting it (a large one shows progress).
 */
import { h } from '../../../web/dom';
import * as api from '../api';
import { addMembers, getOrganization, linkedDesks, members, removeMembers } from '../api-organizations';
import { link } from '../router';
import { loading, orProblem, section, show, statusLine } from '../ui';
import { auditTable } from './audit';
import { findPeople } from './find-people';
import { deletePart, domainsPart, propertiesPart } from './organization-parts';
import { nameOf, peopleList } from './people-list';

/** The members, with Remove; re-drawn in place after every change. */
const membersPart = (org: api.Organization, status: HTMLElement) =>
  peopleList({
    caption: `Members of ${org.name}`,
    what: 'members',
    empty: 'No members.',
    status,
    load: (start) => members(org.id, start),
    remove: async (person) => {
      await removeMembers(org.id, [person.accountId]);
      return `${nameOf(person)} left ${org.name}, and the access that came only through it.`;
    },
  });

const linkedDesksList = async (id: string) => {
  const desks = await linkedDesks(id);
  return desks.values.length === 0
    ? h('p', {}, 'Not linked to any desk: link it from a desk’s Customers page.')
    : h('ul', {}, ...desks.values.map((d) => h('li', {}, link(`/desk/${d.id}/customers`, d.projectName))));
};

export const organizationPage = async (id: string) => {
  loading('Organization');
  const org = await getOrganization(id);
  const status = statusLine();
  const memberList = membersPart(org, status);
  const admin = api.isAdmin();
  const [, desks, properties, domains, audit] = await Promise.all([
    memberList.draw(),
    orProblem(linkedDesksList(id)),
    propertiesPart(org),
    admin ? domainsPart(org) : undefined,
    orProblem(auditTable({ organizationId: id })),
  ]);
  show(
    org.name,
    status,
    section('Members', memberList.box),
    admin
      ? section(
          'Add members',
          findPeople(status, 'Add', async (person) => {
            await addMembers(org.id, [person.accountId]);
            await memberList.draw();
            return `${person.displayName || person.emailAddress} joined ${org.name}.`;
          }),
        )
      : null,
    section('Linked desks', desks),
    section('Properties', properties),
    domains ? section('Email domains', domains) : null,
    section('Audit trail', audit),
    admin ? section('Delete', deletePart(org)) : null,
  );
};
