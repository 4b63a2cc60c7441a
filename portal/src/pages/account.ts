/** Pages of a visitor without a session: invitation acceptance, sign-in, sign-up, forgotten and reset password. */
import * as api from '../api';
import { h } from '../dom';
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
        field('Password', 'password', { type: 'password', autocomplete: 'current-password', required: true }),
        keepSignedInBox(),
      ],
      'Sign in',
      async (data) => {
        await api.signIn(str(data, 'email').trim(), str(data, 'password'), data.has('keepSignedIn'));
        go(next.startsWith('/') && !next.startsWith('//') ? next : '/');
      },
    ),
    h('p', {}, link('/password/forgot', 'Forgot your password?'), ' · ', link('/signup', 'Sign up')),
  );
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
