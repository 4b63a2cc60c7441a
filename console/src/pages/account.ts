/** Signing in and out of the console: sign-in, the mailed set-password and reset links, a forgotten password. */
import { h } from '../../../web/dom';
import * as api from '../api';
import { go, link } from '../router';
import { checkbox, field, form, notice, queryParam, show, str } from '../ui';

/** "Keep me signed in": 24 hours on this device instead of a session that ends with the browser (or in 8 hours). */
const keepSignedInBox = () => checkbox('Keep me signed in for 24 hours on this device', 'keepSignedIn');

/** Only a path of the console itself is a place to come back to after sign-in. */
const nextPath = () => {
  const next = queryParam('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
};

export const signInPage = () => {
  show(
    'Sign in',
    queryParam('ended') ? h('p', { class: 'notice', role: 'status' }, 'Your session has ended: it ran out, or you were signed out elsewhere. Sign in again to go on.') : null,
    form(
      'Sign in',
      [
        field('Email', 'email', { type: 'email', autocomplete: 'username', required: true }),
        field('Password', 'password', { type: 'password', autocomplete: 'current-password', required: true }),
        keepSignedInBox(),
      ],
      'Sign in',
      async (data) => {
        await api.signIn(str(data, 'email').trim(), str(data, 'password'), data.has('keepSignedIn'));
        go(nextPath());
      },
    ),
    h('p', {}, link('/forgot-password', 'Forgot your password?')),
  );
};

/** The page of a mailed link: a new staff member chooses a password, or a forgotten one is replaced. */
const passwordFromLink = (title: string, intro: string) => () => {
  const token = queryParam('token') ?? '';
  show(
    title,
    h('p', {}, intro),
    token
      ? form(
          title,
          [
            field('New password (at least 8 characters)', 'password', { type: 'password', autocomplete: 'new-password', required: true }),
            keepSignedInBox(),
          ],
          'Save password and sign in',
          async (data) => {
            await api.setPassword(token, str(data, 'password'), data.has('keepSignedIn'));
            go('/');
          },
        )
      : h('div', { class: 'error', role: 'alert' }, 'This link has no token: open the link from your email.'),
  );
};

export const setPasswordPage = passwordFromLink('Choose your password', 'Welcome to the staff console. Choose the password you will sign in with.');
export const resetPasswordPage = passwordFromLink('Reset your password', 'Choose a new password. Your other sessions end when it is saved.');

export const forgotPasswordPage = () => {
  const done = h('div', { role: 'status' });
  show(
    'Forgot your password?',
    h('p', {}, 'We will email a link to reset it if the address belongs to a staff member.'),
    form('Forgot password', [field('Email', 'email', { type: 'email', autocomplete: 'username', required: true })], 'Send the link', async (data) => {
      await api.forgotPassword(str(data, 'email').trim());
      done.replaceChildren(notice('If that address belongs to a staff member, a link to reset the password is on its way. It works for one hour.'));
    }),
    done,
    h('p', {}, link('/signin', 'Back to sign in')),
  );
};
