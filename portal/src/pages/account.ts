/** Pages of a visitor without a session: invitation acceptance, sign-in, sign-up, forgotten and reset password. */
import * as api from '../api';
import { h } from '../../../web/dom';
import { go, link } from '../router';
import { checkbox, field, form, notice, queryParam, show, str } from '../ui';

const missingToken = (what: string) => h('div', { class: 'error', role: 'alert' }, `This link has no ${what} token: open the link from your ${what === 'invitation' ? 'invitation email' : 'email'}.`);

export const acceptPage = () => {
  const token = queryParam('token') ?? '';
  show(
    'Accept your invitation',
    h('p', {}, 'Choose your name and a password to open your help center account.'),
    token
      ? form(
          'Accept invitation',
          [
            field('Your name', 'displayName', { autocomplete: 'name' }),
            field('Password (at least 8 characters)', 'password', { type: 'password', autocomplete: 'new-password', required: true }),
            keepSignedInBox(),
          ],
          'Accept and sign in',
          async (data) => {
            const displayName = str(data, 'displayName').trim();
            await api.acceptInvitation({ token, password: str(data, 'password'), keepSignedIn: data.has('keepSignedIn'), ...(displayName ? { displayName } : {}) });
            go('/');
          },
        )
      : missingToken('invitation'),
  );
};

/** "Keep me signed in": the session outlives the browser (30 days) instead of ending when it closes (or in 12 hours). */
const keepSignedInBox = () => checkbox('Keep me signed in for 30 days on this device', 'keepSignedIn');

export const signInPage = () => {
  const next = queryParam('next') ?? '/';
  show(
    'Sign in',
    queryParam('ended') ? h('p', { class: 'notice', role: 'status' }, 'Your session has ended: it ran out, or you were signed out elsewhere. Sign in again to go on.') : null,
    form(
      'Sign in',
      [
        field('Email', 'email', { type: 'email', autocomplete: 'email', required: true }),
        // Not marked required: an email whose company signs in through its provider needs none (the API says when one is missing).
        field('Password', 'password', { type: 'password', autocomplete: 'current-password' }),
        keepSignedInBox(),
      ],
      'Sign in',
      async (data) => {
        const email = str(data, 'email').trim();
        // An email whose company signs in through its identity provider goes there (the password is not used).
        const start = await api.startSignIn(email);
        if (start.method === 'sso') {
          sessionStorage.setItem(SSO_KEY, JSON.stringify({ codeVerifier: start.codeVerifier, next, keepSignedIn: data.has('keepSignedIn') }));
          location.assign(start.authorizationUrl);
          return;
        }
        await api.signIn(email, str(data, 'password'), data.has('keepSignedIn'));
        go(next.startsWith('/') && !next.startsWith('//') ? next : '/');
      },
    ),
    h('p', {}, link('/password/forgot', 'Forgot your password?'), ' · ', link('/signup', 'Sign up')),
  );
};

/** Where the identity provider sends the customer back: code and state from it, the PKCE verifier kept at the start. */
const SSO_KEY = 'portal.sso';
const ssoFailed = (message: string) => show('Sign-in failed', h('div', { class: 'error', role: 'alert' }, message), h('p', {}, link('/signin', 'Back to sign in')));

export const ssoCallbackPage = async () => {
  const [state, code, iss, error] = ['state', 'code', 'iss', 'error'].map(queryParam);
  const description = queryParam('error_description');
  const kept = JSON.parse(sessionStorage.getItem(SSO_KEY) ?? '{}') as { codeVerifier?: string; next?: string; keepSignedIn?: boolean };
  sessionStorage.removeItem(SSO_KEY);
  history.replaceState(null, '', location.pathname);
  if (error) return ssoFailed(`Your identity provider did not sign you in: ${description ?? error}`);
  show('Signing in', h('p', { 'aria-busy': 'true' }, 'Signing in…'));
  try {
    await api.completeSignIn({
      state: state ?? '',
      code: code ?? '',
      keepSignedIn: kept.keepSignedIn === true,
      ...(iss ? { iss } : {}),
      ...(kept.codeVerifier ? { codeVerifier: kept.codeVerifier } : {}),
    });
    go(kept.next?.startsWith('/') && !kept.next.startsWith('//') ? kept.next : '/');
  } catch (failure) {
    // A refusal (401) is shown here, not taken for an ended session.
    ssoFailed(failure instanceof Error ? failure.message : String(failure));
  }
};

/** Self sign-up (open desks): the answer is the same for everyone; the mailed link finishes it. `?desk=<id>` names the desk. */
export const signUpPage = () => {
  const desk = queryParam('desk');
  const done = h('div', { 'aria-live': 'polite' });
  show(
    'Sign up',
    form(
      'Sign up',
      [field('Email', 'email', { type: 'email', autocomplete: 'email', required: true }), field('Your name', 'displayName', { autocomplete: 'name', required: true })],
      'Sign up',
      async (data) => {
        await api.signUp({ email: str(data, 'email').trim(), displayName: str(data, 'displayName').trim(), ...(desk ? { serviceDeskId: desk } : {}) });
        done.replaceChildren(notice('Check your inbox: a link to finish signing up (or to sign in, if you already have an account) is on its way.'));
      },
    ),
    done,
    h('p', {}, 'Already have an account? ', link('/signin', 'Sign in')),
  );
};

export const forgotPage = () => {
  const done = h('div', { 'aria-live': 'polite' });
  show(
    'Forgot your password',
    form('Forgot password', [field('Email', 'email', { type: 'email', autocomplete: 'email', required: true })], 'Send reset link', async (data) => {
      await api.forgotPassword(str(data, 'email').trim());
      done.replaceChildren(notice('If this email has an account, a reset link is on its way. It works once, for one hour.'));
    }),
    done,
  );
};

export const resetPage = () => {
  const token = queryParam('token') ?? '';
  show(
    'Set a new password',
    token
      ? form(
          'Reset password',
          [field('New password (at least 8 characters)', 'password', { type: 'password', autocomplete: 'new-password', required: true })],
          'Set password',
          async (data) => {
            await api.resetPassword(token, str(data, 'password'));
            api.session.forget();
            show('Password changed', notice('Your password is set. '), link('/signin', 'Sign in'));
          },
        )
      : missingToken('reset'),
  );
};
