/** The local runtime's view of the Lambda functions: the same entry files CDK bundles (functions/<name>.ts). */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { FunctionName } from '#routes/table';
import { handler as desks } from '../functions/desks';
import { handler as directory } from '../functions/directory';
import { handler as invitations } from '../functions/invitations';
import { handler as mail } from '../functions/mail';
import { handler as meta, notFoundHandler } from '../functions/meta';
import { handler as organizations } from '../functions/organizations';
import { handler as portal } from '../functions/portal';
import { handler as requests } from '../functions/requests';
import { handler as conversation } from '../functions/conversation';
import { handler as attachments } from '../functions/attachments';
import { handler as identity } from '../functions/identity';
import { handler as sso } from '../functions/sso';
import { handler as staff } from '../functions/staff';

export type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export const httpHandlers: Record<FunctionName, LambdaHttpHandler> = { meta, directory, staff, desks, organizations, invitations, portal, requests, conversation, attachments, mail, identity, sso };
export const unknownRouteHandler: LambdaHttpHandler = notFoundHandler;
