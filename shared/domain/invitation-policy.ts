/** The rules every part of the invitation life cycle shares: where its audit events are listed, and how often a link may be resent. */
import type { InvitationRecord } from '#store/entities/invitation';

const DAY_MS = 86_400_000;
export const RESENDS_PER_DAY = 3;

/** An invitation's audit events are listed under its account and, for a desk's invitation, under the desk. */
export const invitationSubjects = (inv: InvitationRecord) => [
  { type: 'account' as const, id: inv.accountId },
  ...(inv.serviceDeskId ? [{ type: 'servicedesk' as const, id: inv.serviceDeskId }] : []),
];

/** The resends within the last 24 hours: the window the limit of RESENDS_PER_DAY counts in (older ones are dropped). */
export const recentResends = (resends: string[], now: Date): string[] => resends.filter((t) => Date.parse(t) > now.getTime() - DAY_MS);

export const resendLimitReached = (inv: InvitationRecord, now: Date): boolean => recentResends(inv.resends ?? [], now).length >= RESENDS_PER_DAY;
