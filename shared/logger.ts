import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per process; the service name is the function's. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'service-desk' });
