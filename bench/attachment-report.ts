/** The attachments issue's budgets on the upload and download paths, and their part of results.md. */
import { ATTACHMENT_SIZES, type S3Cost } from './attachment-operations';
import { describe, table } from './format';
import type { OperationResult, OperationsResults } from './operations';

interface Budget {
  budget: string;
  limit: string;
  measured: string;
  pass: boolean;
}

type WithS3 = OperationResult & { s3?: S3Cost };
const KEYS = ['attachmentUpload', 'attachmentAttach', 'attachmentList', 'attachmentDownload', 'attachmentUploadForm', 'attachmentRegister'] as const;
const count = (op: OperationResult, command: string) => op.commandsExcludingAuth[`${command}Command`] ?? 0;
const s3Of = (op: WithS3) => op.s3 ?? { requests: 0, stages: 0 };

export const attachmentBudgets = (ops: Pick<OperationsResults, 'operations'>): Budget[] => {
  const budgets: Budget[] = [];
  const o = ops.operations as Record<string, WithS3 | undefined>;
  const writes = (op: WithS3 | undefined, s3: number, what: string) => {
    if (!op) return;
    budgets.push({
      budget: `${op.what}: one transaction and ${what} (excluding auth)`,
      limit: `1 TransactWriteItems, ${s3} S3 request(s)`,
      measured: `${describe(op.commandsExcludingAuth)}; S3 ${s3Of(op).requests}`,
      pass: count(op, 'TransactWriteItems') === 1 && s3Of(op).requests === s3,
    });
  };
  writes(o.attachmentUpload, 1, 'one S3 PUT per file');
  writes(o.attachmentAttach, 1, 'one S3 server-side COPY per file');
  writes(o.attachmentRegister, 2, 'a HEAD and a ranged GET of the object');
  const download = o.attachmentDownload;
  if (download) {
    budgets.push({
      budget: `${download.what}: no write and no S3 request (the URL is presigned in the function)`,
      limit: '0 writes, 0 S3',
      measured: `${describe(download.commandsExcludingAuth)}; S3 ${s3Of(download).requests}`,
      pass: s3Of(download).requests === 0 && count(download, 'TransactWriteItems') + count(download, 'PutItem') + count(download, 'UpdateItem') === 0,
    });
  }
  return budgets;
};

export const attachmentMarkdown = (ops: Pick<OperationsResults, 'operations'>): string => {
  const S = ATTACHMENT_SIZES;
  const rows = KEYS.map((key) => (ops.operations as Record<string, WithS3 | undefined>)[key]).filter((op): op is WithS3 => op !== undefined);
  return `## Attachments: the upload and download paths

One open desk (\`BATT\`), one customer with a portal session (subtracted as for the requests above), one request of
theirs; the local S3 is s3rver, in-process. Each operation ${S.warmUp} warm-up and ${S.samples} measured calls, a ${S.fileBytes / 1024} KB PDF per
upload. S3 requests are counted by an observer on the signed fetch calls the store makes (shared/store/s3.ts); they
never overlap the DynamoDB calls on these paths, so a path's stages are its DynamoDB stages plus its S3 stages. A
large file takes three calls: the presigned POST (step 1), the browser's POST straight to S3 (not through the API, not
counted), and the registration (step 2), then the attach like any upload. A download is the API's 303 (counted here)
and then the browser's GET of the presigned URL from S3 (one request, not through the API).

${table(
  ['Operation', 'DynamoDB round trips excl. auth', 'Commands excl. auth', 'DynamoDB stages excl. auth', 'S3 requests', 'S3 stages', 'Stages excl. auth', 'Items in transaction', 'p50 ms', 'p99 ms'],
  rows.map((o) => [
    o.what, o.roundTripsExcludingAuth, describe(o.commandsExcludingAuth), o.stagesExcludingAuth, s3Of(o).requests, s3Of(o).stages,
    o.stagesExcludingAuth + s3Of(o).stages, o.transactItems || '-', o.p50Ms, o.p99Ms,
  ]),
)}

The S3 client of the AWS SDK is not in any bundle: signing with \`@smithy/signature-v4\` (which the DynamoDB client
bundles anyway) over fetch adds 3.4 KB to a function, where \`@aws-sdk/client-s3\` (PutObject, CopyObject) adds 141.6 KB
and \`@aws-sdk/s3-request-presigner\` 3.6 KB more (esbuild with the Lambda options on a bare DynamoDB handler, SDK
3.1162.0: 343.6 KB bare, 347.0 KB with our signer, 488.8 KB with the SDK's client and presigner).`;
};
