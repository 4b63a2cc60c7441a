/**
 * jira.js, a published JSM client, pointed at the test's own gateway: as staff (Basic email:token) or as a portal
 * customer (Bearer session). Its answers are checked against jira.js's own schemas of JSM's objects
 * (`onSchemaMismatch: 'throw'`), so an answer shaped unlike JSM's fails the test.
 */
import { createClient } from 'jira.js/core';
import { createServiceDeskClient } from 'jira.js/serviceDesk';
import type { Credentials, TestApp } from '#harness/app';
import type { Session } from '#harness/portal';

type Who = Credentials | Session;

const configFor = (app: TestApp, who: Who) => ({
  host: app.url,
  auth: 'token' in who && !('email' in who) ? { type: 'bearer' as const, token: who.token } : { type: 'basic' as const, email: (who as Credentials).email, apiToken: (who as Credentials).token },
  onSchemaMismatch: 'throw' as const,
});

export const jsmClient = (app: TestApp, who: Who) => createServiceDeskClient(configFor(app, who));

/**
 * jira.js's own transport, for calls its ServiceDesk client has no method for (feedback, creating and deleting
 * request types, every request type, inviting a customer) or sends in one way only (booleans in lower case).
 */
export const jsmTransport = (app: TestApp, who: Who) => {
  const client = createClient(configFor(app, who));
  return <T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: { body?: unknown; searchParams?: Record<string, unknown> } = {}) =>
    client.sendRequest({ method, url, ...options }) as Promise<T>;
};

/** The HTTP status a jira.js call ended with: 200 for any success, else the status of its ApiError. */
export const statusOf = (call: Promise<unknown>): Promise<number> =>
  call.then(
    () => 200,
    (error: { status?: number }) => {
      if (typeof error.status !== 'number') throw error;
      return error.status;
    },
  );

/** The errorMessage of a failed jira.js call. */
export const errorOf = (call: Promise<unknown>): Promise<string> =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: { body?: { errorMessage?: string } }) => error.body?.errorMessage ?? '',
  );
