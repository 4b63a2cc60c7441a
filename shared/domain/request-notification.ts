/**
 * A request's notifications for the caller (JSM's `…/notification`): its reporter and participants get mail about
 * it unless they muted it. Muting is kept on the request, so a notification knows whom to skip without another read.
 * Others who may see the request get no mail about it: for them it is never subscribed, and subscribing changes
 * nothing.
 */
import { LostUpdate } from '#errors';
import type { RequestRecord } from '#store/entities/request';
import { participantsOf, putRequestItems } from '#store/requests';
import { transactWrite } from '#store/transact';
import { requestFor } from './requests';
import type { Caller } from '#model/caller';

const accountIdOf = (caller: Caller) => (caller.kind === 'staff' || caller.kind === 'customer' ? caller.accountId : '');

export const notificationOf = async (caller: Caller, ref: string): Promise<{ subscribed: boolean }> => {
  const { request } = await requestFor(caller, ref);
  const me = accountIdOf(caller);
  const mailed = request.reporterId === me || (await participantsOf(request.issueId)).includes(me);
  return { subscribed: mailed && !(request.mutedBy ?? []).includes(me) };
};

/** Subscribing lifts the caller's mute; unsubscribing mutes the request for them. */
export const setNotification = async (caller: Caller, ref: string, subscribed: boolean): Promise<void> => {
  const { request } = await requestFor(caller, ref);
  const me = accountIdOf(caller);
  const muted = new Set(request.mutedBy ?? []);
  if (muted.has(me) !== subscribed) return;
  if (subscribed) muted.delete(me);
  else muted.add(me);
  const { mutedBy: _previous, ...rest } = request;
  const updated: RequestRecord = { ...rest, ...(muted.size > 0 ? { mutedBy: [...muted] } : {}), version: request.version + 1 };
  await transactWrite(putRequestItems(updated, request.version), { request: () => new LostUpdate('The request changed meanwhile; try again') });
};
