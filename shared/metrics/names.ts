/**
 * The business events the functions count, as CloudWatch metrics (embedded metric format, shared/http/metrics.ts),
 * and the namespace they land in. A leaf: the functions emit them, infra's dashboard and tests read the names.
 */
export const METRICS_NAMESPACE = 'ServiceDesk';

export const BUSINESS_METRICS = {
  customersCreated: 'CustomersCreated',
  invitationsSent: 'InvitationsSent',
  invitationsAccepted: 'InvitationsAccepted',
  invitationsExpired: 'InvitationsExpired',
  /** With an `outcome` dimension: accepted, commented, rejected, ignored. */
  inboundMail: 'InboundMail',
} as const;

export type BusinessMetric = (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS];

export const INBOUND_OUTCOMES = ['accepted', 'commented', 'rejected', 'ignored'] as const;
