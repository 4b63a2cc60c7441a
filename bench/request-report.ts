/** The requests issue's budgets on requests, comments and the inbound email, and their part of results.md. */
import { describe, table } from './format';
import type { OperationResult, OperationsResults } from './operations';
import { REQUEST_SIZES } from './request-operations';

interface Budget {
  budget: string;
  limit: string;
  measured: string;
  pass: boolean;
}

const count = (op: OperationResult, command: string) => op.commandsExcludingAuth[`${command}Command`] ?? 0;

export const requestBudgets = (ops: Pick<OperationsResults, 'operations'>): Budget[] => {
  const budgets: Budget[] = [];
  const create = ops.operations.createRequest;
  if (create) {
    budgets.push({
      budget: `${create.what}: one transaction, no Scan (excluding auth; reads for desk, request type, account and access reported)`,
      limit: '1 TransactWriteItems, 0 Scan',
      measured: describe(create.commandsExcludingAuth),
      pass: count(create, 'TransactWriteItems') === 1 && count(create, 'Scan') === 0,
    });
  }
  const list = ops.operations.listMyRequests;
  if (list) {
    budgets.push({
      budget: `${list.what}: a page of ${list.pageSize ?? '?'} is one Query, read alongside the caller's access (two Queries and one BatchGetItem: the access rule drops requests of desks the caller may no longer use), excluding auth; reporters read in one BatchGetItem`,
      limit: '3 Query',
      measured: describe(list.commandsExcludingAuth),
      pass: count(list, 'Query') === 3,
    });
  }
  for (const op of [ops.operations.addCommentCustomer, ops.operations.addCommentAgent]) {
    if (!op) continue;
    budgets.push({
      budget: `${op.what}: one transaction (excluding auth)`,
      limit: '1 TransactWriteItems',
      measured: describe(op.commandsExcludingAuth),
      pass: count(op, 'TransactWriteItems') === 1,
    });
  }
  return budgets;
};

export const requestMarkdown = (ops: Pick<OperationsResults, 'operations' | 'requests'>): string => {
  const S = REQUEST_SIZES;
  const r = ops.requests;
  const rows = ['createRequest', 'listMyRequests', 'addCommentCustomer', 'addCommentAgent', 'inboundNewRequest', 'inboundReply']
    .map((key) => ops.operations[key])
    .filter((op): op is OperationResult => op !== undefined);
  return `## Requests, comments and the inbound email

Data set (after the access bench's, on the same table): one open desk (${'`BREQ`'}) with its default request type, and one
portal-only customer created over the API whose portal session is issued directly (\`issueSession\`, no invitation
mail). Customer calls send \`Authorization: Bearer <session>\`: authenticating that costs ${describe(r.sessionAuth.commands)}
(capacity ${r.sessionAuth.capacityUnits}), measured like the admin's (\`authenticate\` alone, five times, all alike) and
subtracted from the customer's calls; the agent's comment is the bootstrap admin's (Basic). The customer raises
${r.customerRequests} requests, one call each (${S.createWarmUp} warm-up, the rest measured), then lists the first page of their own
(\`limit=${S.pageLimit}\`, ${S.listWarmUp} warm-up, ${S.listSamples} measured); comments go round the customer's requests (${S.commentWarmUp} warm-up and
${S.commentSamples} measured each). The agent's public comment mails the reporter through the local SES (aws-ses-v2-local,
in-process): ${r.mailsSent.agentComments} messages for ${S.commentWarmUp + S.commentSamples} comments. ${
    r.inboundMeasured
      ? `The inbound email is \`processInboundMail\` (shared/domain/inbound-mail.ts) called
directly with a small plain-text message (about 300 bytes) from the customer to \`breq@${process.env.MAIL_DOMAIN ?? 'mail.localhost'}\`, every SES verdict PASS, a
fresh SES message id each (${S.inboundWarmUp} warm-up, ${S.inboundSamples} measured): first new messages (each a new request, acknowledged by
mail: ${r.mailsSent.inboundAcknowledgements} sent), then replies naming a request's key in the subject (each a comment). The Lambda's own
work before that (reading the raw message from S3) is not included.`
      : 'The inbound email was not measured: functions/inbound-mail.ts did not exist when the bench ran.'
  }

${table(
  ['Operation', 'Round trips excl. auth', 'Commands excl. auth', 'Capacity excl. auth', 'Items in transaction', 'p50 ms', 'p99 ms'],
  rows.map((o) => [
    o.what + (o.pageSize === undefined ? '' : ` (${o.pageSize} items)`), o.roundTripsExcludingAuth, describe(o.commandsExcludingAuth),
    o.capacityUnitsExcludingAuth, o.transactItems || '-', o.p50Ms, o.p99Ms,
  ]),
)}

Capacity is as DynamoDB Local reports it: transactions at half the real rate or less (see "Capacity of transactions in
DynamoDB Local" below), so the items in each transaction are given too (real DynamoDB: at least 2 WCU per item of up
to 1 KB, plus index writes).`;
};
