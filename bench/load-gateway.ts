/**
 * The gateway of the load run, in a process of its own as `npm start` runs it (node with the tsx loader): the load
 * generator must not share a thread with the server it measures. Serves the table named by TABLE_NAME on
 * DYNAMODB_ENDPOINT and prints its address as one JSON line.
 */
import { startApi } from '#local/api';

const tableName = process.env.TABLE_NAME;
const dynamoEndpoint = process.env.DYNAMODB_ENDPOINT;
if (!tableName || !dynamoEndpoint) throw new Error('load-gateway: TABLE_NAME and DYNAMODB_ENDPOINT are required');
const api = await startApi({ port: 0, tableName, dynamoEndpoint });
process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
process.once('SIGTERM', () => void api.close().finally(() => process.exit(0)));
