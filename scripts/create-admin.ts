/**
 * `npm run create-admin -- <email>`: the first admin of a deployed stack (the bootstrap of `npm start` is local
 * only). Uses the ambient AWS credentials, AWS_REGION (the stack's region) and TABLE_NAME (the stack's `TableName`
 * output). Prints the API token once; running it again for the same admin issues a new token.
 * Whatever is missing is said in one line, without a stack trace.
 */
import { ensureBootstrapAdmin } from '#domain/staff';
import { newSecret } from '#domain/secrets';

const USAGE = 'usage: AWS_REGION=<region> TABLE_NAME=<TableName output> npm run create-admin -- <email>   (AWS credentials from the environment or a profile)';

/** What the AWS SDK's errors mean for someone running this script. */
const explain = (error: Error): string => {
  const name = error.name;
  if (name === 'CredentialsProviderError' || /credential/i.test(error.message)) {
    return 'no AWS credentials found: set AWS_PROFILE (after `aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  }
  if (name === 'ResourceNotFoundException') return `table "${process.env.TABLE_NAME}" not found in ${process.env.AWS_REGION}: check TABLE_NAME (the stack's TableName output) and AWS_REGION`;
  if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException') return `AWS refused the call (${name}): the credentials need dynamodb read/write on the table`;
  return `${name}: ${error.message}`;
};

const main = async (): Promise<number> => {
  const email = process.argv[2];
  const missing = [!email && 'the email argument', !process.env.TABLE_NAME && 'TABLE_NAME', !(process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION) && 'AWS_REGION'].filter(Boolean);
  if (missing.length > 0) {
    console.error(`create-admin: missing ${missing.join(', ')}\n${USAGE}`);
    return 2;
  }
  process.env.AWS_REGION ??= process.env.AWS_DEFAULT_REGION;
  // The script runs on the operator's Node (20 or later); the SDK's nag about Node 22 adds nothing here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const token = newSecret();
  try {
    const admin = await ensureBootstrapAdmin(email!, token);
    console.log(`admin ${email} (accountId ${admin.accountId})\nAPI token (shown once): ${token}`);
    return 0;
  } catch (error) {
    console.error(`create-admin: ${explain(error as Error)}`);
    return 1;
  }
};

void main().then((code) => process.exit(code));
