/**
 * The transport of the calls signed without an SDK client (S3, SES; shared/sigv4.ts): tried again when the connection
 * fails or the service answers it is in trouble, never past the call's deadline, which covers the whole call.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallDeadline, credentialsFrom, signedCall, signerFor } from '#sigv4';

const signer = signerFor('ses', credentialsFrom({ accessKeyId: 'local', secretAccessKey: 'local' }));

/** A server answering each call by `answer(n)` (n counts from 1): a status, or 'reset' to drop the connection, or 'hang'. */
const serve = async (answer: (n: number) => number | 'reset' | 'hang'): Promise<{ url: URL; calls: () => number; close: () => Promise<void> }> => {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const what = answer(++calls);
      if (what === 'reset') req.socket.destroy();
      else if (what !== 'hang') res.writeHead(what).end(`answer ${calls}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
    calls: () => calls,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};

it('tries again after a dropped connection and a 503, and answers the third attempt', async () => {
  const server = await serve((n) => (n === 1 ? 'reset' : n === 2 ? 503 : 200));
  const answer = await signedCall(signer, 'POST', server.url, {}, 'Action=Test');
  expect({ status: answer.status, body: answer.body.toString(), calls: server.calls() }).toEqual({ status: 200, body: 'answer 3', calls: 3 });
  await server.close();
});

it('gives up after three attempts, answering the last trouble; a client error is not tried again', async () => {
  const failing = await serve(() => 500);
  expect((await signedCall(signer, 'GET', failing.url, {})).status).toBe(500);
  expect(failing.calls()).toBe(3);
  await failing.close();
  const refused = await serve(() => 403);
  expect((await signedCall(signer, 'GET', refused.url, {})).status).toBe(403);
  expect(refused.calls()).toBe(1);
  await refused.close();
});

it('fails a call that hangs at its deadline, and does not try it again', async () => {
  const server = await serve(() => 'hang');
  await expect(signedCall(signer, 'GET', server.url, {}, undefined, { deadlineMs: 200 })).rejects.toBeInstanceOf(CallDeadline);
  expect(server.calls()).toBe(1);
  await server.close();
});
