/**
 * A customer's profile (admins): who they are, the desks they may use and why, their organizations, invitations and
 * audit trail; revoking or restoring portal access, changing the email, and anonymizing after a typed confirmation.
 */
import { h } from '../../../web/dom';
import { localTime } from '../../../web/time';
import type { AccessReason, CustomerProfile } from '../api';
import { listDesks } from '../api-desks';
import { anonymize, changeEmail, getCustomer, listInvitations, restoreAccess, revokeAccess } from '../api-directory';
import { link } from '../router';
import { actionButton, field, flash, form, loading, orProblem, section, show, statusLine, str, table } from '../ui';
import { auditTable } from './audit';
import { statusWords, typeWords } from './directory';

const reasonText = (reason: AccessReason, profile: CustomerProfile): Node | string => {
  switch (reason.type) {
    case 'direct':
      return 'Added to the desk as a customer';
    case 'open':
      return 'The desk is open to anyone';
    case 'agent':
      return 'Works on the desk as an agent';
    case 'organization': {
      const name = profile.organizations.find((o) => o.id === reason.organizationId)?.name ?? `organization ${reason.organizationId}`;
      return h('span', {}, 'Member of ', link(`/organization/${reason.organizationId}`, name), ', linked to the desk');
    }
  }
};

const accessSection = (p: CustomerProfile, deskNames: Map<string, string>) =>
  section(
    'Desks they may use, and why',
    p.access.length === 0
      ? h('p', {}, 'No desk: they are no desk’s customer, in no organization linked to a desk, and no desk is open.')
      : table(
          'Desks they may use, and why',
          ['Desk', 'Why'],
          p.access.map((a) => [
            link(`/desk/${a.serviceDeskId}/customers`, deskNames.has(a.serviceDeskId) ? `${deskNames.get(a.serviceDeskId)} (${a.projectKey})` : a.projectKey),
            h('ul', { class: 'reasons' }, ...a.via.map((r) => h('li', {}, reasonText(r, p)))),
          ]),
        ),
  );

const invitationsTable = async (p: CustomerProfile, deskNames: Map<string, string>) => {
  const page = await listInvitations({ accountId: p.accountId });
  return page.values.length === 0
    ? h('p', {}, 'Never invited.')
    : table(
        'Invitations',
        ['Sent', 'Desk', 'Where it stands', 'Expires'],
        page.values.map((i) => [
          localTime(i.created.iso8601),
          i.serviceDeskId ? link(`/desk/${i.serviceDeskId}/customers`, deskNames.get(i.serviceDeskId) ?? `desk ${i.serviceDeskId}`) : 'Any desk',
          i.deliveryFailure ? `${i.status} (mail ${i.deliveryFailure.type})` : i.status,
          localTime(i.expiresAt.iso8601),
        ]),
      );
};

/** Revoke or restore, change the email, anonymize: each says its outcome and re-reads the profile. */
const actionsSection = (p: CustomerProfile, reload: (outcome: string) => Promise<void>) => {
  const status = statusLine();
  const id = p.accountId;
  const who = p.displayName || p.emailAddress || id;
  const access =
    p.status === 'suspended'
      ? actionButton('Restore portal access', status, async () => {
          await restoreAccess(id);
          await reload(`${who} may use the portal again.`);
        })
      : actionButton(
          'Revoke portal access',
          status,
          async () => {
            await revokeAccess(id);
            await reload(`${who} can no longer sign in, and their mail is refused.`);
          },
          { class: 'danger' },
        );
  const email = form('Change email', [field('New email', 'email', { type: 'email', required: true, autocomplete: 'off' })], 'Change email', async (data) => {
    const email = str(data, 'email').trim();
    await changeEmail(id, email);
    await reload(`The email is now ${email}.`);
  });
  const confirmWord = p.emailAddress ?? id;
  const erase = form(
    'Anonymize',
    [field(`Type ${confirmWord} to confirm`, 'confirm', { required: true, autocomplete: 'off' }, 'input', 'Their name and email are erased for good; their requests stay, with a placeholder reporter.')],
    'Anonymize this customer',
    async (data) => {
      if (str(data, 'confirm').trim() !== confirmWord) throw new Error(`Type ${confirmWord} exactly to anonymize.`);
      await anonymize(id);
      await reload('The customer is anonymized.');
    },
  );
  erase.querySelector('button')?.classList.add('danger');
  return section('Actions', h('div', { class: 'actions' }, access), status, h('h3', {}, 'Email'), email, h('h3', {}, 'Anonymize'), erase);
};

export const customerPage = async (accountId: string) => {
  loading('Customer');
  // Desks by name where the first page of desks tells it (the profile's access and invitations carry ids and keys).
  const [p, desks] = await Promise.all([getCustomer(accountId), listDesks().then((page) => new Map(page.values.map((d) => [d.id, d.projectName])), () => new Map<string, string>())]);
  const reload = async (outcome: string) => {
    flash(outcome);
    await customerPage(accountId);
  };
  const [invitations, audit] = await Promise.all([orProblem(invitationsTable(p, desks)), orProblem(auditTable({ accountId }))]);
  show(
    p.displayName || '(no name)',
    h(
      'dl',
      {},
      h('dt', {}, 'Email'),
      h('dd', {}, p.emailAddress ?? '—'),
      h('dt', {}, 'Status'),
      h('dd', {}, statusWords(p.status)),
      h('dt', {}, 'Account type'),
      h('dd', {}, typeWords(p.accountType)),
      h('dt', {}, 'In the directory since'),
      h('dd', {}, localTime(p.created.iso8601)),
    ),
    accessSection(p, desks),
    section('Organizations', p.organizations.length === 0 ? h('p', {}, 'None.') : h('ul', {}, ...p.organizations.map((o) => h('li', {}, link(`/organization/${o.id}`, o.name))))),
    section('Invitations', invitations),
    p.status === 'anonymized' ? null : actionsSection(p, reload),
    section('Audit trail', audit),
  );
};
