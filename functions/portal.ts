/** Lambda "portal": customers' sign-in and sessions, invitation acceptance, password reset, and their own view. */
import { acceptInvitation } from '#domain/invitation-acceptance';
import { forgotPassword, myDesks, myself, renameSelf, resetPassword, signIn } from '#domain/portal';
import { endSession } from '#domain/sessions';
import { slicePage } from '#model/page';
import { httpFunction } from '#http/handler';
import { portalRoutes } from '#routes/portal';
import { countEvent } from '#http/metrics';
import { BUSINESS_METRICS } from '#metrics/names';
import { pageOf } from '#http/page';
import { endedSessionReply, guardCookieSignIn, ownSession, sessionReply, sessionView } from '#http/session-reply';
import { describedDeskView, userView } from '#http/views';

const meView = ({ account, organizations }: Awaited<ReturnType<typeof myself>>, baseUrl: string) => ({
  ...userView(account, baseUrl),
  status: account.status,
  accountType: account.accountType,
  organizations,
});

export const handler = httpFunction(portalRoutes, {
  acceptInvitation: async ({ body, headers }) => {
    guardCookieSignIn(body.cookie, headers);
    const session = await acceptInvitation(body);
    countEvent(BUSINESS_METRICS.invitationsAccepted);
    return sessionReply(session, body.cookie);
  },
  signIn: async ({ body, headers }) => {
    guardCookieSignIn(body.cookie, headers);
    return sessionReply(await signIn(body.email, body.password, { persistent: body.keepSignedIn }), body.cookie);
  },
  forgotPassword: async ({ body }) => {
    await forgotPassword(body.email);
    return { message: 'If this email has an active account, a reset link is on its way.' };
  },
  resetPassword: async ({ body }) => resetPassword(body.token, body.password),
  getMe: async ({ caller, baseUrl }) => meView(await myself(caller), baseUrl),
  updateMe: async ({ caller, body, baseUrl }) => meView(await renameSelf(caller, body.displayName), baseUrl),
  getSession: async ({ caller }) => sessionView(caller),
  endSession: async ({ caller }) => {
    const { sessionId, accountId } = ownSession(caller);
    await endSession(sessionId, accountId);
    return endedSessionReply();
  },
  listMyDesks: async (input) => {
    return pageOf(input, slicePage(await myDesks(input.caller), input.query), (d) => describedDeskView(d, input.baseUrl));
  },
});
