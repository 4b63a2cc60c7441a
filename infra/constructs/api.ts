/**
 * Api: one HTTP API (payload format 2.0) with a route per entry of the route table, each integrated with the
 * Lambda that serves it, and a $default route that answers unknown paths in the JSM error shape.
 */
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { FUNCTIONS, routeList, type FunctionName } from '#routes/table';

export interface ApiProps {
  readonly functions: Readonly<Record<FunctionName, IFunction>>;
  /** Serves the $default route. */
  readonly notFound: IFunction;
}

/** Per-stage limits across all routes: a ceiling against runaway clients, well under the account's 10 000 rps. */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/** One JSON object per request, with HTTP API context variables; errors say whether API Gateway or Lambda failed. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
};

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Service desk customers API (JSM REST dialect)',
      defaultIntegration: new HttpLambdaIntegration('NotFoundIntegration', props.notFound),
      // The implicit default stage takes no throttling or access logs: ours is created below.
      createDefaultStage: false,
    });
    acknowledge(this, 'APIG4', 'Every route authenticates in its function, by the role the route table gives it (Basic API tokens for staff, Bearer sessions for customers, or public): one rule for AWS and the local gateway (shared/http/auth.ts)');

    // One integration per function, shared by its routes; each route still gets a permission scoped to its path.
    const integrations = Object.fromEntries(
      FUNCTIONS.map((name) => [name, new HttpLambdaIntegration(`${name}Integration`, props.functions[name])]),
    ) as Record<FunctionName, HttpLambdaIntegration>;

    for (const route of routeList()) {
      new HttpRoute(this, route.operationId, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrations[route.fn],
      });
    }

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  get url(): string {
    return this.stage.url;
  }
}
