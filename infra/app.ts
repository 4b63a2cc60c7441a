/** CDK entry point (cdk.json runs it with tsx). Synthesizes offline: the account is optional, the region is context. */
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { addServiceDesk } from './service-desk-app';

addServiceDesk(new App(), path.resolve(import.meta.dirname, '..'));
