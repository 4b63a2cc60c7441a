/**
 * DynamoDB cost of requests (the requests issue): a customer raising a request, a page of the customer's own
 * requests, a comment by the customer and one by an agent (which mails the reporter), and one inbound email
 * processed (a new request, then a reply that becomes a comment). Same gateway, meter and harness as
 * operations.ts; the customer signs in with a portal session (`Bearer`), issued directly with issueSession so the
 * bench needs no invitation mail. The local SES receives the mail the agent's comment and the inbound channel send.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { issueSession } from '#domain/sessions';
import { getAccount } from '#store/accounts';
import type { MeterReading } from '#store/client';
import { BENCH_DIR } from './bundles';
import type { Harness, OperationResult, Sample } from './harness';

export const REQUEST_SIZES = {
  /** Requests the customer raises: the first ones are warm-up, the rest measured; all of them are listed. */
  customerRequests: 60,
  createWarmUp: 5,
  pageLimit: 50,
  listWarmUp: 5,
  listSamples: 30,
  commentWarmUp: 3,
  commentSamples: 20,
  inboundWarmUp: 2,
  inboundSamples: 10,
} as const;

const PROJECT_KEY = 'BREQ';
const INBOUND_FILES = ['functions/inbound-mail.ts', 'shared/domain/inbound-mail.ts'];
const INBOUND_MODULE: string = '#domain/inbound-mail';
const CUSTOMER = { email: 'bench.requester@example.test', displayName: 'Bench Requester' };

export interface RequestResults {
  operations: Record<string, OperationResult>;
  details: {
    /** What authenticating a customer's portal session costs (subtracted from the customer's calls). */
    sessionAuth: MeterReading;
    /** Requests of the customer when the page was listed. */
    customerRequests: number;
    /** False when functions/inbound-mail.ts did not exist: the inbound email was not measured. */
    inboundMeasured: boolean;
    /** Messages the local SES received from the measured agent comments and inbound emails. */
    mailsSent: { agentComments: number; inboundAcknowledgements: number };
  };
}

interface InboundModule {
  processInboundMail(mail: {
    sesMessageId: string;
    raw: Buffer;
    recipients: string[];
    verdicts: Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', 'PASS'>;
  }): Promise<{ entry: { outcome?: string; reason?: string; issueKey?: string }; duplicate: boolean }>;
}

const sampled = async (warmUp: number, samples: number, one: (i: number) => Promise<Sample>): Promise<Sample[]> => {
  const kept: Sample[] = [];
  for (let i = 0; i < warmUp + samples; i += 1) {
    const sample = await one(i);
    if (i >= warmUp) kept.push(sample);
  }
  return kept;
};

/** Messages the local SES holds so far. */
const sesMessages = async (): Promise<number> => {
  const endpoint = process.env.SES_ENDPOINT;
  if (!endpoint) throw new Error('the request bench needs the local SES (SES_ENDPOINT)');
  const store = (await (await fetch(`${endpoint}/store`)).json()) as { emails?: unknown[] };
  return store.emails?.length ?? 0;
};

/** A small plain-text message as SES stores it. */
const rawMessage = (from: string, to: string, subject: string, text: string): Buffer =>
  Buffer.from(
    [
      `From: ${CUSTOMER.displayName} <${from}>`,
      `To: ${to}`,
      `Subject: ${subject}`,
      `Message-ID: <${randomUUID()}@example.test>`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '',
    ].join('\r\n'),
  );

export const measureRequestOperations = async (h: Harness): Promise<RequestResults> => {
  const S = REQUEST_SIZES;
  const operations: Record<string, OperationResult> = {};

  // ---- Setup (unmetered): an open desk, its default request type, a customer and their portal session. ----
  const desk = await h.setup<{ id: string }>('POST', '/rest/admin/1/servicedesk', 201, { projectKey: PROJECT_KEY, projectName: 'Bench requests', access: 'open' });
  const types = await h.setup<{ values: Array<{ id: string }> }>('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`, 200);
  const requestTypeId = types.values[0]?.id;
  if (!requestTypeId) throw new Error(`desk ${PROJECT_KEY} has no request type`);
  const created = await h.setup<{ accountId: string }>('POST', '/rest/servicedeskapi/customer', 201, CUSTOMER);
  const account = await getAccount(created.accountId);
  if (!account) throw new Error(`no account ${created.accountId}`);
  const customer = `Bearer ${(await issueSession(account)).token}`;
  const sessionAuth = await h.authCost(customer, 'signedIn');

  // ---- Create request: the customer's requests, one call each. ----
  const keys: string[] = [];
  const creates = await sampled(S.createWarmUp, S.customerRequests - S.createWarmUp, async (i) => {
    const sample = await h.callAs(customer, 'POST', '/rest/servicedeskapi/request', 201, {
      serviceDeskId: desk.id,
      requestTypeId,
      requestFieldValues: { summary: `Bench request ${i}`, description: `Raised by the bench, number ${i}.` },
    });
    const key = (sample.body as { issueKey?: string }).issueKey;
    if (!key) throw new Error('create request answered without an issueKey');
    keys.push(key);
    return sample;
  });
  operations.createRequest = h.summarize('POST /rest/servicedeskapi/request', 'create request (customer, open desk)', creates, sessionAuth);

  // ---- A page of the customer's own requests. ----
  const listPath = `/rest/servicedeskapi/request?requestOwnership=OWNED_REQUESTS&limit=${S.pageLimit}`;
  const lists = await sampled(S.listWarmUp, S.listSamples, () => h.callAs(customer, 'GET', listPath, 200));
  const pageSize = (lists[0]?.body as { values?: unknown[] } | undefined)?.values?.length ?? 0;
  if (pageSize !== S.pageLimit) throw new Error(`a page of the customer's requests held ${pageSize}, not ${S.pageLimit}`);
  operations.listMyRequests = {
    ...h.summarize(`GET ${listPath}`, `page of my requests (customer, of ${keys.length})`, lists, sessionAuth),
    pageSize,
  };

  // ---- Comments: the customer's, then an agent's (the bootstrap admin), which mails the reporter. ----
  const commentPath = (i: number) => `/rest/servicedeskapi/request/${keys[i % keys.length] ?? ''}/comment`;
  const customerComments = await sampled(S.commentWarmUp, S.commentSamples, (i) =>
    h.callAs(customer, 'POST', commentPath(i), 201, { body: `Any news? (${i})`, public: true }),
  );
  operations.addCommentCustomer = h.summarize(
    'POST /rest/servicedeskapi/request/{issueIdOrKey}/comment', 'add comment (customer, public)', customerComments, sessionAuth,
  );
  const mailsBefore = await sesMessages();
  const agentComments = await sampled(S.commentWarmUp, S.commentSamples, (i) =>
    h.call('POST', commentPath(i), 201, { body: `We are on it (${i}).`, public: true }),
  );
  const agentMails = (await sesMessages()) - mailsBefore;
  if (agentMails !== S.commentWarmUp + S.commentSamples) {
    throw new Error(`${S.commentWarmUp + S.commentSamples} agent comments sent ${agentMails} mails, not one each`);
  }
  operations.addCommentAgent = h.summarize(
    'POST /rest/servicedeskapi/request/{issueIdOrKey}/comment', 'add comment (agent, public: mails the reporter)', agentComments,
  );

  // ---- One inbound email processed: processInboundMail called directly (no S3, no Lambda event). ----
  let inboundMeasured = false;
  let inboundMails = 0;
  if (INBOUND_FILES.every((file) => existsSync(join(BENCH_DIR, '..', file)))) {
    // Imported by a computed name: the bench still compiles where the email channel does not exist yet.
    const { processInboundMail } = (await import(INBOUND_MODULE)) as InboundModule;
    const address = `${PROJECT_KEY.toLowerCase()}@${process.env.MAIL_DOMAIN ?? 'mail.localhost'}`;
    const verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;
    const inbound = (subject: string, expected: string) => async (i: number) => {
      const raw = rawMessage(CUSTOMER.email, address, subject.replace('{i}', String(i)), `Sent by the bench, message ${i}.\r\nThanks.`);
      const sample = await h.direct(() => processInboundMail({ sesMessageId: randomUUID(), raw, recipients: [address], verdicts }));
      const { entry, duplicate } = sample.value;
      if (duplicate || entry.outcome !== expected) throw new Error(`inbound email: ${entry.outcome ?? '?'} (${entry.reason ?? ''}), expected ${expected}`);
      return sample;
    };
    const before = await sesMessages();
    const news = await sampled(S.inboundWarmUp, S.inboundSamples, inbound('The printer is on fire ({i})', 'accepted'));
    inboundMails = (await sesMessages()) - before;
    operations.inboundNewRequest = h.summarize(
      'processInboundMail in shared/domain/inbound-mail.ts, no HTTP', 'inbound email: new request (customer, acknowledged by mail)', news, false,
    );
    const replies = await sampled(S.inboundWarmUp, S.inboundSamples, inbound(`Re: [${keys[0] ?? ''}] Bench request ({i})`, 'commented'));
    operations.inboundReply = h.summarize(
      'processInboundMail in shared/domain/inbound-mail.ts, no HTTP', `inbound email: reply to ${keys[0] ?? '?'} (a comment)`, replies, false,
    );
    inboundMeasured = true;
  }

  return {
    operations,
    details: {
      sessionAuth,
      customerRequests: keys.length,
      inboundMeasured,
      mailsSent: { agentComments: agentMails, inboundAcknowledgements: inboundMails },
    },
  };
};
