/**
 * Every operation that writes, and how its crash safety is shown. The operations are enumerated, not listed by
 * hand: each route of the route table that is not a GET, and each Lambda in functions/ that serves no route (the
 * schedule's and SES's). crash-coverage.test.ts fails when one is missing here, so a new operation cannot be added
 * without saying which of these it is:
 * - `crashTested`: the titles of its crash-at-every-step tests (test/crash-*.test.ts);
 * - `oneWrite`: it makes a single conditional write (reads before it are harmless), so a crash leaves all or nothing;
 *   what a retry after a lost answer gets is said;
 * - `notCovered`: more than one write, not crash-tested yet, and why.
 * What this cannot see: an operation classed `oneWrite` that later grows a second write. That class is a claim kept
 * in review, beside the code it describes.
 */
export type Coverage = { crashTested: string[] } | { oneWrite: string } | { notCovered: string };

export const OPERATIONS: Record<string, Coverage> = {
  // Directory
  createCustomer: { oneWrite: 'account, email claim, domain membership and audit in one transaction; a retry answers "already exists"' },
  updateCustomer: { crashTested: ['editing a name and an email: the new email claimed once, the old one free, every copy up to date'] },
  // The same domain function (updateCustomer) as the admin's route, on the caller's own account.
  updateMe: { crashTested: ['editing a name and an email: the new email claimed once, the old one free, every copy up to date'] },
  revokePortalAccess: { crashTested: ['suspending: the account and every copy suspended'] },
  restoreCustomer: { crashTested: ['restoring: the account and every copy active again'] },
  anonymizeCustomer: { crashTested: ['anonymizing: no name or email left on the account, its copies or its claim'] },
  createStaff: {
    oneWrite:
      'account, email claim (with the token hash), set-password link and audit in one transaction, then the welcome mail; a retry answers "already exists" (a crash before the mail: the new staff member uses forgot-password)',
  },
  rotateStaffToken: { oneWrite: 'the token hash on the email claim and the account (its session epoch) in one transaction; a retry issues another token, the last one answered works' },
  // The staff console's sign-in
  signInToConsole: { oneWrite: 'as signIn (the attempt counter, then the session item), then its audit event: a crash before the audit leaves a working session without its event' },
  endConsoleSession: { oneWrite: 'one Delete of the session item, then its audit event; a retry gets 401, the session being gone' },
  setConsolePassword: {
    oneWrite:
      'the password, the used link and the audit in one transaction (as resetPassword), then the session item and its event; a crash after the transaction leaves the password set and the staff member signs in with it',
  },
  forgotConsolePassword: { oneWrite: 'the request counter, then one Put of the link, then the mail and the audit; a retry mails another link (3 an hour at most)' },
  changeConsolePassword: { oneWrite: 'the attempt counter, then the password and audit in one transaction at the version read; a retry after a lost answer is refused (the current password changed)' },
  // Desks
  createDesk: { crashTested: ['creating a desk: one desk under its key, with its default request type'] },
  updateDesk: { oneWrite: 'the desk item at the version read; a retry writes the same values' },
  createRequestType: { oneWrite: 'one transaction numbered by the counter; a retried POST after a lost answer makes a second type' },
  createJsmRequestType: { oneWrite: "the same as createRequestType, at JSM's path" },
  deleteRequestType: { oneWrite: 'the type and its audit event in one transaction; a retry answers 404' },
  addDeskAgents: { oneWrite: 'memberships and audit in one transaction; a retry finds them and adds nothing' },
  removeDeskAgents: { oneWrite: 'one transaction; a retry finds nothing to remove' },
  addDeskCustomers: { crashTested: ['adding several customers to a desk: each a customer once'] },
  removeDeskCustomers: { oneWrite: 'one transaction; a retry finds nothing to remove' },
  linkDeskOrganization: { oneWrite: 'link item and the organization\'s list in one transaction; a retry finds the link' },
  unlinkDeskOrganization: { oneWrite: 'one transaction; a retry finds no link' },
  // Organizations
  createOrganization: { oneWrite: 'organization and name claim in one transaction; a retry answers the organization of that name' },
  deleteOrganization: { crashTested: ['deleting an organization with a dozen members: nothing of it is left, and nobody keeps access through it'] },
  addOrganizationUsers: { oneWrite: 'memberships and audit in one transaction; a retry adds nothing' },
  removeOrganizationUsers: { oneWrite: 'one transaction; a retry removes nothing' },
  setOrganizationProperty: { oneWrite: 'one Put' },
  deleteOrganizationProperty: { oneWrite: 'one Delete; a retry answers 404' },
  setOrganizationDomains: { crashTested: ["setting an organization's email domain with a backfill: every existing customer at the domain a member once"] },
  // Invitations and the portal
  inviteCustomers: {
    crashTested: [
      'inviting one address: one account, one pending invitation, and its newest mail works',
      'inviting several addresses in one call: each invited once, each newest mail works',
    ],
  },
  inviteDeskCustomer: { crashTested: ['inviting one address: one account, one pending invitation, and its newest mail works'] },
  resendInvitation: { crashTested: ['resending: still one pending invitation, the newest mail works'] },
  revokeInvitation: { oneWrite: 'invitation and token in one transaction; a retry finds it revoked' },
  acceptInvitation: { crashTested: ['accepting: the account is active under its new name, every invitation of it accepted, and the password works'] },
  signUp: { crashTested: ['signing up on an open desk: one account, one pending invitation, and its newest mail works'] },
  signIn: {
    oneWrite:
      'the attempt counter, then the session item (a crash between leaves the attempt counted as failed: conservative; a session item whose answer was lost is never used and expires)',
  },
  endSession: { oneWrite: 'one Delete of the session item; a retry after a lost answer gets 401, the session being gone' },
  forgotPassword: { crashTested: ['asking for a password reset: the newest mail carries a working reset link'] },
  resetPassword: { crashTested: ['resetting the password: the new password works and the old one does not'] },
  // Single sign-on
  putIdentityProvider: {
    oneWrite:
      'provider, domain claims and audit in one transaction, then the client secret (Secrets Manager, or the data folder): a crash between leaves the old secret or none, and the same PUT again writes it',
  },
  deleteIdentityProvider: { oneWrite: 'provider, domain claims and audit in one transaction, then the secret is deleted; a crash between leaves an unused secret that a provider of the same id overwrites' },
  startSignIn: { oneWrite: 'one conditional Put of the sign-in state; a retry makes another state and the first expires unused' },
  completeSignIn: {
    oneWrite:
      'the state marked used (its single-use condition), then one transaction: the account created or made a site account with the audit, or the audit alone, then the session item (as signIn); a crash between leaves the state used and at most the account change, and the customer signs in again',
  },
  // Requests and mail
  createFollowUp: { oneWrite: "createRequest's one transaction (the desk's number taken before it); a retry within minutes answers the same request" },
  createRequest: { crashTested: ['raising a request through the API: one request, numbered once, confirmed by mail at most once'] },
  addComment: { crashTested: ["an agent's reply on a request: one comment, and the reporter notified at least once, at most once per call"] },
  shareRequest: { oneWrite: 'the request item (version-checked) and its audit event in one transaction; a retry finds it shared so and changes nothing' },
  addParticipants: { oneWrite: 'participant items and audit in one transaction; a retry adds nothing' },
  removeParticipants: { oneWrite: 'one transaction; a retry removes nothing' },
  performTransition: { crashTested: ['an agent asking the customer, with a comment: the status changed once, one comment, the reporter notified'] },
  // Attachments
  attachTemporaryFile: { oneWrite: 'the objects first (one without its item just expires under temporary/), then every upload item in one transaction; a retry uploads again under new ids' },
  createAttachment: {
    oneWrite:
      'objects copied to keys named by the upload (a retry copies the same), then comment, attachments, tally and the uploads taken in one transaction; a retry finds its uploads attached and answers that comment. A crash between the transaction and the mail leaves the notice unsent',
  },
  createUploadForm: { oneWrite: 'one Put of the pending upload; a retry hands out another form' },
  registerUpload: { oneWrite: 'one conditional Update (pending to ready); a retry finds it ready and answers the same' },
  acceptMail: { oneWrite: 'request and mail-log entry in one transaction, conditional on the entry still rejected; a retry answers 409' },
  // Requests: what a customer sets on one
  subscribeNotification: { oneWrite: 'the request item, version-checked; a retry finds it set and changes nothing' },
  unsubscribeNotification: { oneWrite: 'the request item, version-checked; a retry finds it set and changes nothing' },
  giveFeedback: { oneWrite: 'the request item with its feedback, version-checked; a retry writes the same feedback again' },
  withdrawFeedback: { oneWrite: 'the request item without its feedback, version-checked; a retry finds none' },
  'function:mail-events': { oneWrite: 'one conditional update per invitation the bounced message was about; SNS redelivery marks it again, the same' },
  'function:inbound-mail': { crashTested: ['a request by email: one log entry, one request, an acknowledgement at least once and at most once per invocation'] },
  'function:cleanup': {
    crashTested: [
      'the daily cleanup: the invitation expired once, its placeholder account removed with its desk link',
      "the daily cleanup's reminder: the invitation still pending, and the newest mail's link works",
    ],
  },
};
