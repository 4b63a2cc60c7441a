/**
 * Who can see a request, on its page: the reporter, the participants and the organization it is shared with. Anyone
 * who sees it may add people from their own organizations or remove participants (JSM's rule); the reporter alone
 * shares it with one of their organizations linked to its desk, or stops sharing it. Also the customer's own mail
 * setting for the request (mute it).
 */
import * as api from '../api';
import { h } from '../../../web/dom';
import { t } from '../i18n';
import { errorBox, notice, uniqueId } from '../ui';
import { shareChoice } from './desks';

const nameOf = (u: api.User, me: string | undefined) => (u.accountId === me ? t('you') : (u.displayName ?? t('someone')));

/** Members of the customer's organizations linked to the desk, not yet on the request: whom they may add. */
const candidatesFor = async (me: api.Me, deskId: string, onRequest: Set<string>): Promise<api.User[]> => {
  const pages = await Promise.all(me.organizations.filter((o) => o.serviceDeskIds.includes(deskId)).map((o) => api.fellowMembers(o.id)));
  const seen = new Map<string, api.User>();
  for (const u of pages.flatMap((p) => p.values)) if (!onRequest.has(u.accountId)) seen.set(u.accountId, u);
  return [...seen.values()];
};

/** The section; `redraw` draws it again after a change, with `said` announced. */
export const whoCanSee = async (request: api.CustomerRequest, me: api.Me, said?: string): Promise<HTMLElement> => {
  const section = h('section', { 'aria-labelledby': 'people-heading', class: 'people' });
  const status = h('div', {}, said ? notice(said) : null);
  const redraw = async (text: string) => section.replaceWith(await whoCanSee(request, me, text));
  const attempt = (work: () => Promise<unknown>, done: string) => async () => {
    try {
      await work();
      await redraw(done);
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  };
  const [participants, fresh] = await Promise.all([api.listParticipants(request.issueKey), api.getRequest(request.issueKey)]);
  const onRequest = new Set([request.reporter.accountId, ...participants.values.map((p) => p.accountId)]);
  const candidates = await candidatesFor(me, request.serviceDeskId, onRequest);
  const sharedWith = fresh.organizationId;
  const orgName = (id: string) => me.organizations.find((o) => o.id === id)?.name ?? t('anOrganization');
  const isReporter = request.reporter.accountId === me.accountId;

  const people = h(
    'ul',
    { class: 'people-list' },
    h('li', {}, nameOf(request.reporter, me.accountId), ' ', h('span', { class: 'meta' }, t('reporterRole'))),
    participants.values.map((p) =>
      h(
        'li',
        {},
        nameOf(p, me.accountId),
        ' ',
        h('span', { class: 'meta' }, t('participantRole')),
        ' ',
        h('button', { type: 'button', class: 'link', onclick: attempt(() => api.changeParticipants(request.issueKey, 'remove', [p.accountId]), t('participantRemoved', { name: p.displayName ?? '' })) }, t('removePerson', { name: nameOf(p, me.accountId) })),
      ),
    ),
    sharedWith ? h('li', {}, t('everyoneIn', { organization: orgName(sharedWith) }), ' ', h('span', { class: 'meta' }, t('organizationRole'))) : null,
  );

  const addId = uniqueId('participant');
  const add =
    candidates.length === 0
      ? null
      : h(
          'div',
          { class: 'inline-form' },
          h('label', { for: addId }, t('addPerson')),
          h('select', { id: addId }, candidates.map((c) => h('option', { value: c.accountId }, c.displayName ?? c.accountId))),
          h('button', { type: 'button', class: 'secondary', onclick: attempt(async () => api.changeParticipants(request.issueKey, 'add', [(document.getElementById(addId) as HTMLSelectElement).value]), t('participantAdded')) }, t('add')),
        );

  const share = isReporter ? shareChoice(me.organizations, request.serviceDeskId, sharedWith ?? '') : null;
  const sharing = share
    ? h(
        'div',
        { class: 'inline-form' },
        share,
        h('button', { type: 'button', class: 'secondary', onclick: attempt(() => api.shareRequest(request.issueKey, (share.querySelector('select') as HTMLSelectElement).value || null), t('sharingSaved')) }, t('saveSharing')),
      )
    : null;

  section.append(...[h('h2', { id: 'people-heading' }, t('whoCanSee')), people, add, sharing, status].filter((e): e is HTMLElement => e !== null));
  return section;
};

/** "Email me about this request": lifting or setting the customer's mute (JSM's notification routes). */
export const notificationToggle = async (key: string): Promise<HTMLElement> => {
  const { subscribed } = await api.notification(key);
  const id = uniqueId(`notify-${key}`);
  const status = h('span', {});
  const box = h('input', {
    id,
    type: 'checkbox',
    ...(subscribed ? { checked: true } : {}),
    onchange: async () => {
      const on = (box as HTMLInputElement).checked;
      try {
        await api.setNotification(key, on);
        status.replaceChildren(h('span', { role: 'status', class: 'meta' }, ' ', t(on ? 'notificationsOn' : 'notificationsOff')));
      } catch (error) {
        (box as HTMLInputElement).checked = !on;
        status.replaceChildren(errorBox(error));
      }
    },
  });
  return h('div', {}, h('label', { for: id, class: 'check' }, box, t('emailMeAbout', { key })), status);
};
