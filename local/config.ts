/** Configuration of the local runtime, from the environment (README: Configuration). */
import { join } from 'node:path';

/** npm runs every script from the project's root. */

const port = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
};

export const PROJECT_ROOT = process.cwd();

export const localConfig = () => ({
  apiPort: port('PORT', 3000),
  dynamoPort: port('DYNAMODB_PORT', 8000),
  sesPort: port('SES_PORT', 8005),
  s3Port: port('S3_PORT', 4569),
  smtpPort: port('SMTP_PORT', 2525),
  idpPort: port('IDP_PORT', 3001),
  mailDomain: process.env.MAIL_DOMAIN ?? 'mail.localhost',
  dataDir: process.env.DATA_DIR ?? join(PROJECT_ROOT, '.data'),
  tableName: process.env.TABLE_NAME ?? 'service-desk',
  bootstrapAdminEmail: process.env.BOOTSTRAP_ADMIN_EMAIL ?? 'admin@example.com',
  bootstrapAdminToken: process.env.BOOTSTRAP_ADMIN_TOKEN,
});
