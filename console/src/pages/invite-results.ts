/** Inviting by pasted addresses (one form for a desk's page and the invitations page): the outcome said per address. */
import { h } from '../../../web/dom';
import type { InviteResult } from '../api';
import { invite } from '../api-directory';
import { field, form, str, table } from '../ui';

const OUTCOMES: Record<InviteResult['outcome'], string> = {
  invited: 'Invited: a mail with a link to set a password is on its way',
  resent: 'Already invited: the invitation was sent again',
  'already-active': 'Already has an account',
  suspended: 'Not invited: their portal access is revoked',
  invalid: 'Not invited: not a valid email address',
};

const outcomeText = (r: InviteResult, deskName?: string) => {
  if (r.outcome === 'already-active' && deskName) return `Already has an account: added to ${deskName}`;
  if (r.mailed === false && (r.outcome === 'invited' || r.outcome === 'resent')) return `${OUTCOMES[r.outcome].split(':')[0]}, but no mail went out (sent too often, or refused): try again later`;
  return OUTCOMES[r.outcome];
};

/** Addresses separated by commas, semicolons, spaces or lines; "Name <a@b>" keeps the address. */
export const parseAddresses = (text: string): string[] =>
  [...new Set(text.split(/[\s,;]+/).map((a) => a.replace(/^.*</, '').replace(/>.*$/, '').trim()).filter(Boolean))];

export const resultsTable = (results: InviteResult[], deskName?: string) =>
  table(
    'Invitation outcomes',
    ['Address', 'Outcome'],
    results.map((r) => [r.email, h('span', { class: `outcome-${r.outcome}` }, outcomeText(r, deskName))]),
    { hideCaption: false },
  );

/** The paste-and-invite form; the outcomes appear under it, and `after` runs when any address got through. */
export const inviteForm = (desk: { id: string; projectName: string } | undefined, after: () => Promise<void> | void) => {
  const outcome = h('div', { role: 'status' });
  const f = form(
    'Invite customers',
    [field('Email addresses', 'emails', { required: true, rows: '4' }, 'textarea', 'Paste one or more, separated by commas, spaces or lines (at most 100).')],
    'Invite',
    async (data) => {
      const emails = parseAddresses(str(data, 'emails'));
      if (emails.length > 100) throw new Error(`That is ${emails.length} addresses: invite at most 100 at a time.`);
      const { results } = await invite(emails, desk?.id);
      outcome.replaceChildren(resultsTable(results, desk?.projectName));
      f.reset();
      await after();
    },
  );
  return h('div', {}, f, outcome);
};
