/** Lambda "invitations": portal invitations sent through SES, their management by staff, and self sign-up (an invitation to oneself). */
import { listInvitations } from '#domain/invitation-lists';
import { inviteCustomers, resendInvitation, revokeInvitation } from '#domain/invitations';
import { signUp } from '#domain/portal';
import { httpFunction } from '#http/handler';
import { invitationRoutes } from '#routes/invitations';
import { countEvent } from '#http/metrics';
import { BUSINESS_METRICS } from '#metrics/names';
import { pageOf } from '#http/page';
import { invitationView } from '#http/views';

export const handler = httpFunction(invitationRoutes, {
  inviteCustomers: async ({ body, caller }) => {
    const results = await inviteCustomers(caller, body);
    countEvent(BUSINESS_METRICS.invitationsSent, results.filter((r) => r.mailed === true).length);
    return { results };
  },
  inviteDeskCustomer: async ({ params, body, caller }) => {
    const [result] = await inviteCustomers(caller, { emails: [body.email], serviceDeskId: params.serviceDeskId, expiresInDays: 7 });
    countEvent(BUSINESS_METRICS.invitationsSent, result?.mailed === true ? 1 : 0);
    return result;
  },
  listInvitations: async (input) => {
    const page = await listInvitations(input.caller, input.query);
    return pageOf(input, page, (inv) => invitationView(inv, input.baseUrl));
  },
  resendInvitation: async ({ params, caller, baseUrl }) => {
    const invitation = await resendInvitation(caller, params.invitationId);
    countEvent(BUSINESS_METRICS.invitationsSent);
    return invitationView(invitation, baseUrl);
  },
  revokeInvitation: async ({ params, caller }) => revokeInvitation(caller, params.invitationId),
  signUp: async ({ body }) => {
    await signUp(body);
    return { message: 'Check your inbox: a link to finish signing up, or to sign in, is on its way.' };
  },
});
