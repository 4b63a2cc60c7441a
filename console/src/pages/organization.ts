/**
 * One organization: its members (add, remove), the desks it is linked to, its properties, its email domains (a
 * dry run says who would join before they are applied), its audit trail, and deleting it (a large one shows progress).
 */
import { h } from '../../../web/dom';
import * as api from '../api';
import { addMembers, getOrganization, linkedDesks, members, removeMembers } from '../api-organizations';
import { link } from '../router';
import { actionButton, loading, orProblem, partPager, refill, section, show, statusLine, table } from '../ui';
import { auditTable } from './audit';
import { findPeople } from './find-people';
import { deletePart, domainsPart, propertiesPart } from './organization-parts';

/** The members, with Remove; re-drawn in place after every change. */
const membersPart = (org: api.Organization, status: HTMLElement) => {
  const box = h('div', {});
  let start = 0;
  const draw = async () => {
    const page = await members(org.id, start);
    refill(
      box,
      page.values.length === 0
        ? h('p', {}, 'No members.')
        : table(
            `Members of ${org.name}`,
            ['Name', 'Email', ''],
            page.values.map((m) => [
              api.isAdmin() ? link(`/customers/${encodeURIComponent(m.accountId)}`, m.displayName || m.accountId) : m.displayName || m.accountId,
              m.emailAddress ?? '—',
              actionButton(
                'Remove',
                status,
                async () => {
                  await removeMembers(org.id, [m.accountId]);
                  await draw();
                  return `${m.displayName || m.emailAddress} left ${org.name}, and the access that came only through it.`;
                },
                { class: 'secondary', 'aria-label': `Remove ${m.displayName || m.emailAddress}` },
              ),
            ]),
          ),
      partPager(page, 'members', (at) => {
        start = at;
        void draw();
      }),
    );
  };
  return { box, draw };
};

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
