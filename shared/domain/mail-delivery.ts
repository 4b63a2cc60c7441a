/**
 * SES delivery events (bounces and complaints, published by the configuration set): an invitation whose mail could
 * not be delivered, or was reported as spam, is marked, so staff see it in the invitation list instead of waiting
 * for the invitation to expire. Matched by SES's message id, so only that mail's invitation is marked.
 */
import { getEmailClaim } from '#store/accounts';
import { invitationsOfAccount, markInvitationDeliveryFailure } from '#store/invitations';
import type { DeliveryFailure } from '#store/entities/invitation';

export interface DeliveryEvent {
  failure: DeliveryFailure;
  /** SES's id of the message the event is about (SendRawEmail's MessageId). */
  sesMessageId: string;
  recipients: string[];
}

/** Marks the invitations the event is about; answers how many were marked. */
export const recordDeliveryFailure = async (event: DeliveryEvent): Promise<number> => {
  let marked = 0;
  for (const email of event.recipients) {
    const claim = await getEmailClaim(email);
    if (!claim) continue;
    const sent = (await invitationsOfAccount(claim.accountId)).filter((inv) => inv.sesMessageId === event.sesMessageId);
    for (const invitation of sent) {
      if (await markInvitationDeliveryFailure(invitation.id, event.sesMessageId, event.failure)) marked += 1;
    }
  }
  return marked;
};
