/**
 * People in Cc of a new request by email (docs/email-rules.md, "Cc"): as in JSM, those who may use the desk become
 * its participants, unless the desk's `ccParticipants` switch is off. Everyone else in Cc is ignored, no account is
 * created for anyone, and nobody is told anything.
 */
import type { InboundMessage } from '#mail/inbound';
import { putParticipantItem } from '#store/requests';
import type { TransactItem } from '#store/transact';
import type { DeskRecord } from '#store/entities/desk';
import type { RequestRecord } from '#store/entities/request';
import { mayUseDesk } from './access';
import { firstOwnAddress } from './mail-addresses';
import { accountByEmail, isUsableAddress } from './mail-senders';
import type { Caller } from '#model/caller';

/** At most this many Cc addresses are looked at. */
export const MAX_CC_PARTICIPANTS = 20;

/** The participant items to write with the new request, one per Cc'd account that may use the desk. */
export const ccParticipants = async (message: InboundMessage, desk: DeskRecord, reporter: Caller): Promise<Array<(created: RequestRecord) => TransactItem>> => {
  if (desk.ccParticipants === false) return [];
  const reporterId = reporter.kind === 'customer' || reporter.kind === 'staff' ? reporter.accountId : undefined;
  const addresses = [...new Set(message.cc.map((b) => b.address.toLowerCase()))].filter(isUsableAddress).slice(0, MAX_CC_PARTICIPANTS);
  const accepted = new Set<string>();
  for (const address of addresses) {
    if (await firstOwnAddress([address])) continue;
    const account = await accountByEmail(address);
    if (!account || account.accountId === reporterId || (account.status !== 'active' && account.status !== 'invited')) continue;
    if (await mayUseDesk(account, desk.id)) accepted.add(account.accountId);
  }
  return [...accepted].map((accountId) => (created: RequestRecord) => putParticipantItem(created, accountId));
};
