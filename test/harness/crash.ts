/**
 * Crash at every step. An operation runs once without faults, to count its calls to DynamoDB and SES; then once per
 * call and per side of it, crashing there: `before` the call takes effect, or `after` it took effect (the answer is
 * lost). From the crash on every call fails, as when a Lambda times out or is killed. Then the real caller retries
 * (an API client after a 5xx, SES's asynchronous invocation, the schedule's next run), and the table checker must
 * find nothing and the outcome must be exactly once. The fault injector wraps the clients' `send`: the only mock.
 */
import type { Caller } from '#model/caller';
import { getEmailClaim } from '#store/accounts';
import { ses } from '#mail/ses';
import { dynamo } from '#store/client';
import type { TestApp } from './app';
import { describeFindings, tableFindings } from './table';

export class InjectedCrash extends Error {}
export interface CrashPoint {
  step: number;
  when: 'before' | 'after';
}

type Send = (command: { constructor: { name: string } }) => Promise<unknown>;

/** Counts every DynamoDB and SES call in order; from the crash point on, each fails. */
export const watchCalls = (crash?: CrashPoint) => {
  const calls: string[] = [];
  let crashed = false;
  const intercept = async (name: string, send: () => Promise<unknown>) => {
    calls.push(name);
    if (crashed) throw new InjectedCrash(`${name}: the invocation is gone`);
    if (crash?.step === calls.length) {
      crashed = true;
      if (crash.when === 'after') await send();
      throw new InjectedCrash(`crash ${crash.when} ${name}`);
    }
    return send();
  };
  const client = dynamo();
  const dynamoSend = client.send.bind(client) as Send;
  const sesCall = ses.call.bind(ses);
  const spies = [
    jest.spyOn(client, 'send').mockImplementation(((command) => intercept(command.constructor.name, () => dynamoSend(command))) as Send as never),
    jest.spyOn(ses, 'call').mockImplementation((action, parameters) => intercept(`Ses${action}`, () => sesCall(action, parameters)) as Promise<string>),
  ];
  return { calls, crashed: () => crashed, restore: () => spies.forEach((s) => s.mockRestore()) };
};

export interface CrashOperation<S> {
  /** Fresh data for one run (never crashed). */
  setUp(): Promise<S>;
  /** The operation, as its entry point runs it. */
  run(s: S): Promise<unknown>;
  /** What the real caller does once the run failed; by default the same call again. */
  retry?(s: S): Promise<unknown>;
  /** Throws unless the work was done exactly once (one mail, one request, one membership...). */
  outcome(s: S): Promise<void>;
}

const READS = new Set(['GetCommand', 'BatchGetCommand', 'QueryCommand', 'ScanCommand']);

/** Lets calls already in flight at the crash reach the injector before it is removed. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs the operation crashed at each call, before and after it, and answers what went wrong: a finding of the table
 * checker that was not there before the run, a failed retry, or an outcome that is not exactly once.
 */
export const crashEverywhere = async <S>(op: CrashOperation<S>): Promise<{ steps: string[]; problems: string[] }> => {
  const known = new Set(describeFindings(await tableFindings()));
  const problems: string[] = [];
  const judge = async (label: string, s: S) => {
    const fresh = describeFindings(await tableFindings()).filter((f) => !known.has(f));
    fresh.forEach((f) => known.add(f));
    problems.push(...fresh.map((f) => `${label}: ${f}`));
    await op.outcome(s).catch((error: unknown) => problems.push(`${label}: outcome: ${reason(error)}`));
  };

  const clean = await op.setUp();
  const counting = watchCalls();
  await op.run(clean).finally(counting.restore);
  const steps = [...counting.calls];
  await judge('no crash', clean);

  for (let step = 1; step <= steps.length; step += 1) {
    // After a read took effect is the same state as before the next call: reads are crashed before only.
    const sides = READS.has(steps[step - 1] ?? '') ? (['before'] as const) : (['before', 'after'] as const);
    for (const when of sides) {
      const label = `crash ${when} call ${step} (${steps[step - 1]})`;
      const s = await op.setUp();
      const watch = watchCalls({ step, when });
      await op.run(s).catch(() => undefined);
      await settle();
      watch.restore();
      // The invocation died: its caller saw a failure (or nothing), and retries.
      if (watch.crashed()) {
        const retried = await (op.retry ?? op.run)(s).then(() => undefined, (error: unknown) => reason(error));
        if (retried !== undefined) problems.push(`${label}: the retry failed: ${retried}`);
      }
      await judge(label, s);
    }
  }
  return { steps, problems };
};

/** The test app's bootstrap admin, as domain functions take callers. */
export const adminCaller = async (app: TestApp): Promise<Caller> => {
  const claim = await getEmailClaim(app.admin.email);
  if (!claim) throw new Error('no bootstrap admin');
  return { kind: 'staff', accountId: claim.accountId, role: 'admin', email: app.admin.email };
};
