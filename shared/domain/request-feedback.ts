/**
 * Feedback on a request (JSM's CSAT, `…/feedback`): a rating of 1 to 5 with an optional comment, given by the reporter
 * once the request is resolved (or closed), replaced by giving it again, withdrawn by deleting it. Whoever may see
 * the request may read it.
 */
import { BadRequest, Forbidden, LostUpdate, NotFound } from '#errors';
import type { RequestRecord } from '#store/entities/request';
import { putRequestItems } from '#store/requests';
import { transactWrite } from '#store/transact';
import { requestFor } from './requests';
import type { Caller } from '#model/caller';

type Feedback = NonNullable<RequestRecord['feedback']>;
const DONE = new Set(['Resolved', 'Closed']);

const noFeedback = () => new NotFound('This request has no feedback', 'sd.request.error.feedback.not.found');

export const feedbackOf = async (caller: Caller, ref: string): Promise<Feedback> => {
  const { request } = await requestFor(caller, ref);
  if (!request.feedback) throw noFeedback();
  return request.feedback;
};

/** The request, when the caller is its reporter (anyone else who may see it: 403). */
const reportersRequest = async (caller: Caller, ref: string): Promise<RequestRecord> => {
  const { request } = await requestFor(caller, ref);
  const me = caller.kind === 'staff' || caller.kind === 'customer' ? caller.accountId : '';
  if (request.reporterId !== me) throw new Forbidden('Only the reporter gives feedback on a request');
  return request;
};

const save = (request: RequestRecord, feedback: Feedback | undefined) => {
  const { feedback: _previous, ...rest } = request;
  return transactWrite(
    putRequestItems({ ...rest, ...(feedback ? { feedback } : {}), version: request.version + 1 }, request.version),
    { request: () => new LostUpdate('The request changed meanwhile; try again') },
  );
};

export const giveFeedback = async (caller: Caller, ref: string, input: { rating: number; comment?: string | undefined }): Promise<Feedback> => {
  const request = await reportersRequest(caller, ref);
  if (!DONE.has(request.status)) throw new BadRequest('Feedback can be given once the request is resolved', 'sd.request.error.feedback.not.resolved');
  const feedback: Feedback = { rating: input.rating, ...(input.comment ? { comment: input.comment } : {}), at: new Date().toISOString() };
  await save(request, feedback);
  return feedback;
};

export const withdrawFeedback = async (caller: Caller, ref: string): Promise<void> => {
  const request = await reportersRequest(caller, ref);
  if (!request.feedback) throw noFeedback();
  await save(request, undefined);
};
