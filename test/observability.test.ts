/**
 * What an operator sees of a running function: log lines carrying the invocation's request id, business events
 * counted as CloudWatch metrics (embedded metric format, emitted in Lambda only), and the API refusing calls that
 * did not come through CloudFront once the origin value is configured.
 */
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { accept, inviteOne } from '#harness/portal';
import { logger } from '#logger';
import { dynamo } from '#store/client';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '#routes/origin-verify';
import { BUSINESS_METRICS, METRICS_NAMESPACE } from '#metrics/names';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.AWS_LAMBDA_FUNCTION_NAME;
  delete process.env[ORIGIN_VERIFY_ENV];
});

/** Every JSON line the functions write to stdout (where EMF lines go) while `work` runs. */
const stdoutLines = async (work: () => Promise<unknown>): Promise<Array<Record<string, any>>> => {
  const lines: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write);
  await work();
  return lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
};

const emfCounts = (lines: Array<Record<string, any>>, name: string): number[] =>
  lines.filter((l) => l._aws?.CloudWatchMetrics?.[0]?.Namespace === METRICS_NAMESPACE && name in l).map((l) => l[name] as number);

// First in the file: after the metrics tests run handlers in Lambda mode (AWS_LAMBDA_FUNCTION_NAME set), the
// logger's per-invocation level no longer follows setLogLevel from outside an invocation, and the line is dropped.
describe('logs', () => {
  it("carry the invocation's request id", async () => {
    jest.spyOn(dynamo(), 'send').mockImplementation(async () => {
      throw new Error('injected fault');
    });
    // Silent in the other tests (global setup); the logger writes through a Console of its own.
    logger.setLogLevel('ERROR');
    const written = jest.spyOn((logger as unknown as { console: Console }).console, 'error').mockImplementation(() => undefined);
    try {
      expect((await app.call('GET', '/rest/admin/1/customer')).status).toBe(500);
    } finally {
      logger.setLogLevel('SILENT');
    }
    const error = written.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>).find((l) => l.message === 'unhandled error');
    expect(error).toMatchObject({ level: 'ERROR', function_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/), function_name: 'directory' });
  });
});

describe('business metrics (in Lambda)', () => {
  it('count customers created, invitations sent and accepted', async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'test';
    const lines = await stdoutLines(async () => {
      expect((await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: uniqueEmail('metric'), displayName: 'Metric' } })).status).toBe(201);
      const invited = await inviteOne(app);
      expect((await accept(app, invited.token)).status).toBe(200);
    });
    expect(emfCounts(lines, BUSINESS_METRICS.customersCreated)).toEqual([1]);
    expect(emfCounts(lines, BUSINESS_METRICS.invitationsSent)).toEqual([1]);
    expect(emfCounts(lines, BUSINESS_METRICS.invitationsAccepted)).toEqual([1]);
  });

  it('are not written outside Lambda (npm start, tests)', async () => {
    const lines = await stdoutLines(() => app.call('POST', '/rest/servicedeskapi/customer', { body: { email: uniqueEmail('quiet'), displayName: 'Quiet' } }));
    expect(emfCounts(lines, BUSINESS_METRICS.customersCreated)).toEqual([]);
  });
});

describe('the origin check', () => {
  it('refuses calls without the origin value once it is configured (the raw execute-api URL), and takes those with it', async () => {
    process.env[ORIGIN_VERIFY_ENV] = 'the-deployment-value';
    expect((await app.call('GET', '/rest/servicedeskapi/info', { as: null })).status).toBe(403);
    expect((await app.call('GET', '/rest/servicedeskapi/info', { as: null, headers: { [ORIGIN_VERIFY_HEADER]: 'a-guess' } })).status).toBe(403);
    expect((await app.call('GET', '/rest/servicedeskapi/info', { as: null, headers: { [ORIGIN_VERIFY_HEADER]: 'the-deployment-value' } })).status).toBe(200);
  });
});
