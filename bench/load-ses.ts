/**
 * SES for the load run, in a process of its own: it answers SendRawEmail as SES does and keeps each message's To and
 * Subject, which the run reads back (`/store`, the local SES's shape) to count the confirmations. It is not the local
 * SES of `npm start` (npm aws-ses-v2-local) because that one parses every message with mailparser: at 400 messages
 * a second that took about a third of a core of this two-core machine from DynamoDB Local and the gateway, work SES
 * in AWS never takes from the product. Tests and `npm start` use the real local SES.
 */
import { createServer } from 'node:http';

const stored: Array<{ subject: string; destination: { to: string[] } }> = [];

/** One header's value from the raw message's header block (unfolded; our load subjects are ASCII). */
const header = (head: string, name: string): string => new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/store') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ emails: stored }));
      return;
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const raw = form.get('Action') === 'SendRawEmail' ? form.get('RawMessage.Data') : null;
    if (!raw) {
      res.statusCode = 400;
      res.end('<ErrorResponse><Error><Code>InvalidParameterValue</Code><Message>Only SendRawEmail</Message></Error></ErrorResponse>');
      return;
    }
    const head = Buffer.from(raw, 'base64').toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '';
    stored.push({ subject: header(head, 'Subject'), destination: { to: [header(head, 'To')] } });
    res.setHeader('content-type', 'text/xml');
    res.end(`<SendRawEmailResponse><SendRawEmailResult><MessageId>load-${stored.length}</MessageId></SendRawEmailResult></SendRawEmailResponse>`);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
