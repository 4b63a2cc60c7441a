/**
 * `npm run create-admin -- <email>`: the first admin of a deployed stack (the bootstrap of `npm start` is local
 * only). Uses the ambient AWS credentials and region, and TABLE_NAME (the stack's `TableName` output). Prints the
 * API token once; running it again for the same admin issues a new token.
 */
import { ensureBootstrapAdmin } from '#domain/staff';
import { newSecret } from '#domain/secrets';

const main = async () => {
  const email = process.argv[2];
  if (!email || !process.env.TABLE_NAME) {
    console.error('usage: TABLE_NAME=<table> npm run create-admin -- <email>   (AWS credentials and region from the environment)');
    process.exit(2);
  }
  const token = newSecret();
  const admin = await ensureBootstrapAdmin(email, token);
  console.log(`admin ${email} (accountId ${admin.accountId})\nAPI token (shown once): ${token}`);
};

void main();
