/**
 * The customer portal: a small single-page app with no framework, served under /portal/ and calling the same API
 * (Authorization: Bearer <session>, the session kept in sessionStorage). Routes follow location.pathname, so the
 * links in the invitation and reset mails (PORTAL_URL/invitation/accept?token=..., PORTAL_URL/password/reset?token=...)
 * and the API's request links (PORTAL_URL/request/KEY) open the right page.
 */
import './style.css';
import { ApiError, api, errorBox, session, type Json } from './api';
import { h, type Attrs, type Child } from './dom';

const BASE = '/portal';

// ---- Router ----------------------------------------------------------------------------------------------------

const app = document.getElementById('app')!;
const nav = document.getElementById('nav')!;
const main = document.getElementById('main')!;

const link = (href: string, text: string, attrs: Attrs = {}) => h('a', { href: `${BASE}${href}`, 'data-link': true, ...attrs }, text);

const go = (path: string) => {
  history.pushState(null, '', `${BASE}${path}`);
  void render();
};

document.addEventListener('click', (event) => {
  const a = (event.target as Element | null)?.closest?.('a[data-link]');
  if (!a || event.defaultPrevented || (event as MouseEvent).button !== 0 || (event as MouseEvent).metaKey || (event as MouseEvent).ctrlKey) return;
  event.preventDefault();
  history.pushState(null, '', (a as HTMLAnchorElement).href);
  void render();
});
window.addEventListener('popstate', () => void render());

const show = (title: string, ...content: Child[]) => {
  document.title = `${title} · Help center`;
  app.replaceChildren(h('h1', {}, title), ...content.filter((c): c is Node | string => Boolean(c)));
};

const renderNav = () => {
  nav.replaceChildren(
    ...(session.get()
      ? [
          link('/', 'Desks'),
          link('/requests', 'My requests'),
          link('/profile', 'Profile'),
          h('button', { type: 'button', onclick: () => (session.clear(), go('/signin')) }, 'Sign out'),
        ]
      : [link('/signin', 'Sign in')]),
  );
};

/** A form that keeps what was typed on an error and shows the API's message above its button. */
const form = (
  label: string,
  fields: HTMLElement[],
  submitText: string,
  onSubmit: (data: FormData) => Promise<void>,
): HTMLFormElement => {
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, submitText) as HTMLButtonElement;
  const f = h('form', { 'aria-label': label, novalidate: true }, ...fields, status, button) as HTMLFormElement;
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    status.replaceChildren();
    try {
      await onSubmit(new FormData(f));
    } catch (error) {
      status.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  });
  return f;
};

let fieldCount = 0;
const field = (labelText: string, name: string, attrs: Attrs = {}, kind: 'input' | 'textarea' = 'input') => {
  const id = `f-${name}-${++fieldCount}`;
  return h('label', { for: id }, labelText, h(kind, { id, name, ...attrs }));
};
const str = (data: FormData, name: string) => String(data.get(name) ?? '');
const tokenParam = () => new URLSearchParams(location.search).get('token') ?? '';

const needSession = (): boolean => {
  if (session.get()) return true;
  go(`/signin?next=${encodeURIComponent(location.pathname.slice(BASE.length) + location.search)}`);
  return false;
};

const loading = (title: string) => show(title, h('p', { 'aria-busy': 'true' }, 'Loading…'));

// ---- Pages -----------------------------------------------------------------------------------------------------

const acceptPage = () => {
  const token = tokenParam();
  show(
    'Accept your invitation',
    h('p', {}, 'Choose your name and a password to open your help center account.'),
    token
      ? form(
          'Accept invitation',
          [
            field('Your name', 'displayName', { autocomplete: 'name' }),
            field('Password (at least 8 characters)', 'password', { type: 'password', autocomplete: 'new-password', required: true }),
          ],
          'Accept and sign in',
          async (data) => {
            const displayName = str(data, 'displayName').trim();
            const answer = await api('POST', '/rest/portal/1/invitation/accept', {
              token,
              password: str(data, 'password'),
              ...(displayName ? { displayName } : {}),
            });
            session.set(answer.token);
            go('/');
          },
        )
      : h('div', { class: 'error', role: 'alert' }, 'This link has no invitation token: open the link from your invitation email.'),
  );
};

const signInPage = () => {
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  show(
    'Sign in',
    form(
      'Sign in',
      [
        field('Email', 'email', { type: 'email', autocomplete: 'email', required: true }),
        field('Password', 'password', { type: 'password', autocomplete: 'current-password', required: true }),
      ],
      'Sign in',
      async (data) => {
        const email = str(data, 'email').trim();
        // An email whose company signs in through its identity provider goes there (the password is not used).
        const start = await api('POST', '/rest/portal/1/sso/start', { email });
        if (start.method === 'sso') {
          sessionStorage.setItem(SSO_KEY, JSON.stringify({ codeVerifier: start.codeVerifier, next }));
          location.assign(start.authorizationUrl);
          return;
        }
        const answer = await api('POST', '/rest/portal/1/login', { email, password: str(data, 'password') });
        session.set(answer.token);
        go(next.startsWith('/') ? next : '/');
      },
    ),
    h('p', {}, link('/password/forgot', 'Forgot your password?'), ' · ', link('/signup', 'Sign up')),
  );
};

/** Where the identity provider sends the customer back: code and state from it, the PKCE verifier kept at the start. */
const SSO_KEY = 'portal.sso';
const ssoCallbackPage = async () => {
  const params = new URLSearchParams(location.search);
  const kept = JSON.parse(sessionStorage.getItem(SSO_KEY) ?? '{}') as { codeVerifier?: string; next?: string };
  sessionStorage.removeItem(SSO_KEY);
  history.replaceState(null, '', `${BASE}/sso/callback`);
  if (params.get('error')) {
    show('Sign-in failed', errorBox(`Your identity provider did not sign you in: ${params.get('error_description') ?? params.get('error')}`), h('p', {}, link('/signin', 'Back to sign in')));
    return;
  }
  loading('Signing in');
  const iss = params.get('iss');
  try {
    const answer = await api('POST', '/rest/portal/1/sso/complete', {
      state: params.get('state') ?? '',
      code: params.get('code') ?? '',
      ...(iss ? { iss } : {}),
      ...(kept.codeVerifier ? { codeVerifier: kept.codeVerifier } : {}),
    });
    session.set(answer.token);
    go(kept.next?.startsWith('/') ? kept.next : '/');
  } catch (error) {
    // A refusal (401) is shown here, not taken for an ended session.
    show('Sign-in failed', errorBox(error), h('p', {}, link('/signin', 'Back to sign in')));
  }
};

/** Self sign-up (open desks): the answer is the same for everyone; the mailed link finishes it. `?desk=<id>` names the desk. */
const signUpPage = () => {
  const desk = new URLSearchParams(location.search).get('desk') ?? undefined;
  const done = h('div', { 'aria-live': 'polite' });
  show(
    'Sign up',
    form(
      'Sign up',
      [field('Email', 'email', { type: 'email', autocomplete: 'email', required: true }), field('Your name', 'displayName', { autocomplete: 'name', required: true })],
      'Sign up',
      async (data) => {
        await api('POST', '/rest/portal/1/signup', { email: str(data, 'email').trim(), displayName: str(data, 'displayName').trim(), ...(desk ? { serviceDeskId: desk } : {}) });
        done.replaceChildren(h('p', { class: 'notice' }, 'Check your inbox: a link to finish signing up (or to sign in, if you already have an account) is on its way.'));
      },
    ),
    done,
    h('p', {}, 'Already have an account? ', link('/signin', 'Sign in')),
  );
};

const forgotPage = () => {
  const done = h('div', { 'aria-live': 'polite' });
  show(
    'Forgot your password',
    form('Forgot password', [field('Email', 'email', { type: 'email', autocomplete: 'email', required: true })], 'Send reset link', async (data) => {
      await api('POST', '/rest/portal/1/password/forgot', { email: str(data, 'email').trim() });
      done.replaceChildren(h('p', { class: 'notice' }, 'If this email has an account, a reset link is on its way. It works once, for one hour.'));
    }),
    done,
  );
};

const resetPage = () => {
  const token = tokenParam();
  show(
    'Set a new password',
    token
      ? form(
          'Reset password',
          [field('New password (at least 8 characters)', 'password', { type: 'password', autocomplete: 'new-password', required: true })],
          'Set password',
          async (data) => {
            await api('POST', '/rest/portal/1/password/reset', { token, password: str(data, 'password') });
            session.clear();
            app.replaceChildren(h('h1', {}, 'Password changed'), h('p', { class: 'notice' }, 'Your password is set. '), link('/signin', 'Sign in'));
          },
        )
      : h('div', { class: 'error', role: 'alert' }, 'This link has no reset token: open the link from your email.'),
  );
};

const desksPage = async () => {
  loading('Desks');
  const page = await api('GET', '/rest/portal/1/servicedesk?limit=100');
  const desks: Json[] = page.values ?? [];
  show(
    'Desks',
    desks.length === 0
      ? h('p', {}, 'No desk is open to you yet.')
      : h(
          'ul',
          { class: 'cards' },
          desks.map((d) => h('li', {}, h('strong', {}, d.projectName), ' ', h('span', { class: 'meta' }, d.projectKey), h('br'), link(`/desk/${d.id}/create`, `Raise a request on ${d.projectName}`))),
        ),
  );
};

const createPage = async (deskId: string) => {
  loading('Raise a request');
  const types = await api('GET', `/rest/servicedeskapi/servicedesk/${encodeURIComponent(deskId)}/requesttype?limit=100`);
  const values: Json[] = types.values ?? [];
  const selectId = `f-type-${++fieldCount}`;
  show(
    'Raise a request',
    values.length === 0
      ? h('p', {}, 'This desk has no request types yet.')
      : form(
          'Raise a request',
          [
            h('label', { for: selectId }, 'Request type', h('select', { id: selectId, name: 'requestTypeId' }, values.map((t) => h('option', { value: t.id }, t.name)))),
            field('Summary', 'summary', { required: true, maxlength: '255' }),
            field('Description', 'description', {}, 'textarea'),
          ],
          'Send request',
          async (data) => {
            const description = str(data, 'description');
            const created = await api('POST', '/rest/servicedeskapi/request', {
              serviceDeskId: deskId,
              requestTypeId: str(data, 'requestTypeId'),
              requestFieldValues: { summary: str(data, 'summary'), ...(description ? { description } : {}) },
            });
            go(`/request/${encodeURIComponent(created.issueKey)}`);
          },
        ),
  );
};

const FILTERS: [string, string][] = [
  ['OWNED_REQUESTS', 'Mine'],
  ['PARTICIPATED_REQUESTS', 'Participated'],
  ['ALL_ORGANIZATIONS', 'My organizations'],
];

const fieldValue = (r: Json, id: string): string => String((r.requestFieldValues ?? []).find((f: Json) => f.fieldId === id)?.value ?? '');

const requestsPage = async () => {
  const params = new URLSearchParams(location.search);
  const ownership = FILTERS.some(([v]) => v === params.get('ownership')) ? params.get('ownership')! : 'OWNED_REQUESTS';
  loading('My requests');
  const page = await api('GET', `/rest/servicedeskapi/request?requestOwnership=${ownership}&limit=50`);
  const values: Json[] = page.values ?? [];
  show(
    'My requests',
    h(
      'div',
      { class: 'filters', role: 'group', 'aria-label': 'Show' },
      FILTERS.map(([value, text]) =>
        h('button', { type: 'button', 'aria-pressed': String(value === ownership), onclick: () => go(`/requests?ownership=${value}`) }, text),
      ),
    ),
    values.length === 0
      ? h('p', {}, 'No requests here.')
      : h(
          'ul',
          { class: 'cards', 'aria-label': 'Requests' },
          values.map((r) =>
            h('li', {}, link(`/request/${encodeURIComponent(r.issueKey)}`, `${r.issueKey}: ${fieldValue(r, 'summary')}`), h('br'), h('span', { class: 'meta' }, r.currentStatus?.status ?? '')),
          ),
        ),
  );
};

const requestPage = async (key: string) => {
  loading(key);
  const ref = encodeURIComponent(key);
  const [request, comments] = await Promise.all([api('GET', `/rest/servicedeskapi/request/${ref}`), api('GET', `/rest/servicedeskapi/request/${ref}/comment?limit=100`)]);
  const list: Json[] = (comments.values ?? []).filter((c: Json) => c.public !== false);
  show(
    `${request.issueKey}: ${fieldValue(request, 'summary')}`,
    h(
      'dl',
      {},
      h('dt', {}, 'Status'),
      h('dd', {}, request.currentStatus?.status ?? ''),
      h('dt', {}, 'Raised by'),
      h('dd', {}, request.reporter?.displayName ?? request.reporter?.accountId ?? ''),
      h('dt', {}, 'Raised'),
      h('dd', {}, request.createdDate?.friendly ?? request.createdDate?.iso8601 ?? ''),
      h('dt', {}, 'Description'),
      h('dd', { class: 'description' }, fieldValue(request, 'description') || '—'),
    ),
    h('h2', {}, 'Comments'),
    h(
      'section',
      { 'aria-label': 'Comments' },
      list.length === 0 ? h('p', {}, 'No comments yet.') : list.map((c) => h('article', { class: 'comment' }, h('div', { class: 'meta' }, `${c.author?.displayName ?? 'Someone'} · ${c.created?.friendly ?? c.created?.iso8601 ?? ''}`), c.body)),
    ),
    form('Reply', [field('Your reply', 'body', { required: true }, 'textarea')], 'Add reply', async (data) => {
      await api('POST', `/rest/servicedeskapi/request/${ref}/comment`, { body: str(data, 'body'), public: true });
      await requestPage(key);
    }),
  );
};

const profilePage = async () => {
  loading('Profile');
  const me = await api('GET', '/rest/portal/1/me');
  show(
    'Profile',
    h('dl', {}, h('dt', {}, 'Name'), h('dd', {}, me.displayName ?? ''), h('dt', {}, 'Email'), h('dd', {}, me.emailAddress ?? ''), h('dt', {}, 'Account'), h('dd', {}, me.accountId ?? '')),
  );
};

const render = async (): Promise<void> => {
  renderNav();
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length).replace(/\/+$/, '') || '/' : '/';
  try {
    let m: RegExpExecArray | null;
    if (path === '/invitation/accept') acceptPage();
    else if (path === '/signin') signInPage();
    else if (path === '/signup') signUpPage();
    else if (path === '/sso/callback') await ssoCallbackPage();
    else if (path === '/password/forgot') forgotPage();
    else if (path === '/password/reset') resetPage();
    else if (!needSession()) return;
    else if (path === '/') await desksPage();
    else if ((m = /^\/desk\/([^/]+)\/create$/.exec(path))) await createPage(decodeURIComponent(m[1]!));
    else if (path === '/requests') await requestsPage();
    else if ((m = /^\/request\/([^/]+)$/.exec(path))) await requestPage(decodeURIComponent(m[1]!));
    else if (path === '/profile') await profilePage();
    else show('Page not found', h('p', {}, link('/', 'Back to the desks')));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      renderNav();
      go(`/signin?next=${encodeURIComponent(path)}`);
      return;
    }
    show('Something went wrong', errorBox(error));
  }
  main.focus({ preventScroll: true });
};

void render();
