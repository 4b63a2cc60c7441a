/** Pages of a visitor without a session: invitation acceptance, sign-in, sign-up, forgotten and reset password. */
import * as api from '../api';
import { h } from '../../../web/dom';
import { t } from '../i18n';
import { go, link } from '../router';
import { checkbox, field, form, notice, queryParam, requiredNote, show, str } from '../ui';

const missingToken = (what: 'invitation' | 'reset') => h('div', { class: 'error', role: 'alert' }, t(what === 'invitation' ? 'noInvitationToken' : 'noResetToken'));

/** A new password's field: the API takes at least 8 characters, and the form says so before sending. */
const NEW_PASSWORD = { type: 'password', autocomplete: 'new-password', required: true, minlength: '8' };

/** "Keep me signed in": the session outlives the browser (30 days) instead of ending when it closes (or in 12 hours). */
const keepSignedInBox = () => checkbox(t('keepSignedIn'), 'keepSignedIn');

/** An invitation link that was used (or expired, or revoked): the account may exist already, so sign-in is the way on. */
const invitationUsed = () =>
  show(
    t('invitationUsedTitle'),
    h('div', { class: 'error', role: 'alert' }, t('invitationUsed')),
    h('p', {}, link('/signin', t('signIn')), ' · ', link('/password/forgot', t('forgotPassword'))),
  );

export const acceptPage = () => {
  const token = queryParam('token') ?? '';
  show(
    t('acceptTitle'),
    h('p', {}, t('acceptIntro')),
    token
      ? [
          requiredNote(),
          form(
            t('acceptTitle'),
            [
              field(t('yourName'), 'displayName', { autocomplete: 'name' }),
              field(t('newPassword'), 'password', NEW_PASSWORD, 'input', t('newPasswordHint')),
              keepSignedInBox(),
            ],
            t('acceptButton'),
            async (data) => {
              const displayName = str(data, 'displayName').trim();
              try {
                await api.acceptInvitation({ token, password: str(data, 'password'), keepSignedIn: data.has('keepSignedIn'), ...(displayName ? { displayName } : {}) });
              } catch (error) {
                if (error instanceof api.ApiError && error.key === 'sd.invitation.error.invalid.token') return invitationUsed();
                throw error;
              }
              go('/');
            },
          ),
        ]
      : missingToken('invitation'),
  );
};

export const signInPage = () => {
  const next = queryParam('next') ?? '/';
  show(
    t('signIn'),
    queryParam('ended') ? notice(t('endedNotice')) : null,
    form(
      t('signIn'),
      [
        field(t('email'), 'email', { type: 'email', autocomplete: 'email', required: true }),
        // Not marked required: an email whose company signs in through its provider needs none (the API says when one is missing).
        field(t('password'), 'password', { type: 'password', autocomplete: 'current-password' }),
        keepSignedInBox(),
      ],
      t('signIn'),
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
    h('p', {}, link('/password/forgot', t('forgotPassword')), ' · ', link('/signup', t('signUp'))),
  );
};

/** Where the identity provider sends the customer back: code and state from it, the PKCE verifier kept at the start. */
const SSO_KEY = 'portal.sso';
const ssoFailed = (message: string) => show(t('signInFailed'), h('div', { class: 'error', role: 'alert' }, message), h('p', {}, link('/signin', t('backToSignIn'))));

export const ssoCallbackPage = async () => {
  const [state, code, iss, error] = ['state', 'code', 'iss', 'error'].map(queryParam);
  const description = queryParam('error_description');
  const kept = JSON.parse(sessionStorage.getItem(SSO_KEY) ?? '{}') as { codeVerifier?: string; next?: string; keepSignedIn?: boolean };
  sessionStorage.removeItem(SSO_KEY);
  history.replaceState(null, '', location.pathname);
  if (error) return ssoFailed(t('providerRefused', { reason: description ?? error }));
  show(t('signingIn'), h('p', { role: 'status', 'aria-busy': 'true' }, t('signingInBusy')));
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
  const done = h('div', {});
  show(
    t('signUp'),
    requiredNote(),
    form(
      t('signUp'),
      [field(t('email'), 'email', { type: 'email', autocomplete: 'email', required: true }), field(t('yourName'), 'displayName', { autocomplete: 'name', required: true })],
      t('signUp'),
      async (data) => {
        await api.signUp({ email: str(data, 'email').trim(), displayName: str(data, 'displayName').trim(), ...(desk ? { serviceDeskId: desk } : {}) });
        done.replaceChildren(notice(t('signUpSent')));
      },
    ),
    done,
    h('p', {}, t('haveAccount'), ' ', link('/signin', t('signIn'))),
  );
};

export const forgotPage = () => {
  const done = h('div', {});
  show(
    t('forgotTitle'),
    form(t('forgotTitle'), [field(t('email'), 'email', { type: 'email', autocomplete: 'email', required: true })], t('sendResetLink'), async (data) => {
      await api.forgotPassword(str(data, 'email').trim());
      done.replaceChildren(notice(t('resetSent')));
    }),
    done,
  );
};

export const resetPage = () => {
  const token = queryParam('token') ?? '';
  show(
    t('resetTitle'),
    token
      ? form(t('resetTitle'), [field(t('newPasswordReset'), 'password', NEW_PASSWORD, 'input', t('newPasswordHint'))], t('setPassword'), async (data) => {
          await api.resetPassword(token, str(data, 'password'));
          api.session.forget();
          show(t('passwordChanged'), notice(t('passwordSet')), link('/signin', t('signIn')));
        })
      : missingToken('reset'),
  );
};
