/** Lambda "staff": agents and admins, their API tokens, and their sign-in to the staff console. */
import { changeConsolePassword, forgotConsolePassword, setConsolePassword, signInToConsole, signOutOfConsole } from '#domain/console-sign-in';
import { requireAccount } from '#domain/directory';
import { createStaff, rotateStaffToken } from '#domain/staff';
import { httpFunction } from '#http/handler';
import { CONSOLE_COOKIE } from '#http/session-cookie';
import { consoleSessionReply, consoleSessionView, endedSessionReply, guardCookieSignIn, keptConsoleSession, ownSession } from '#http/session-reply';
import { staffRoutes } from '#routes/staff';

export const handler = httpFunction(staffRoutes, {
  createStaff: async ({ body, caller }) => createStaff(caller, body),
  rotateStaffToken: async ({ params, caller }) => {
    const { accountId, apiToken, account } = await rotateStaffToken(caller, params.accountId);
    return keptConsoleSession(caller, account, { accountId, apiToken });
  },
  signInToConsole: async ({ body, headers }) => {
    guardCookieSignIn(true, headers);
    const { session, account } = await signInToConsole(body.email, body.password, { persistent: body.keepSignedIn });
    return consoleSessionReply(session, account);
  },
  getConsoleSession: async ({ caller }) => consoleSessionView(caller, await requireAccount(caller.kind === 'staff' ? caller.accountId : '')),
  endConsoleSession: async ({ caller }) => {
    await signOutOfConsole(caller, ownSession(caller).sessionId);
    return endedSessionReply(CONSOLE_COOKIE);
  },
  setConsolePassword: async ({ body, headers }) => {
    guardCookieSignIn(true, headers);
    const { session, account } = await setConsolePassword(body.token, body.password, { persistent: body.keepSignedIn });
    return consoleSessionReply(session, account);
  },
  forgotConsolePassword: async ({ body }) => forgotConsolePassword(body.email),
  changeConsolePassword: async ({ body, caller }) => keptConsoleSession(caller, await changeConsolePassword(caller, body.currentPassword, body.newPassword), undefined, 204),
});
