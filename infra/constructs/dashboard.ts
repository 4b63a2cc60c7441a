/**
 * Dashboard: one CloudWatch dashboard an operator opens first. The API (requests, 5xx, p99 latency), each
 * function's errors, throttles and duration, DynamoDB throttling (gaps filled), the business events the functions
 * count (shared/metrics/names.ts) and SES's reputation.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard as CloudWatchDashboard, GraphWidget, Metric, Stats, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BUSINESS_METRICS, INBOUND_OUTCOMES, METRICS_NAMESPACE } from '#metrics/names';
import { SES_RATE_LIMITS, tableThrottles } from './alarms';

export interface DashboardProps {
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly table: ITableV2;
  readonly stage: HttpStage;
}

const PERIOD = Duration.minutes(5);

/** A business event, summed over every function that emits it (their `service` dimension). */
const business = (metricName: string, dimensionsMap: Record<string, string> = {}): Metric =>
  new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap, statistic: 'Sum', period: PERIOD });

export class Dashboard extends Construct {
  readonly dashboard: CloudWatchDashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const fns = Object.entries(props.functions);
    const perFunction = (title: string, metric: (fn: IFunction) => Metric) =>
      new GraphWidget({ title, width: 8, left: fns.map(([name, fn]) => metric(fn).with({ label: name })) });

    this.dashboard = new CloudWatchDashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-service-desk`,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new TextWidget({ markdown: '# Service desk\nAPI, functions, table, business events and mail. Alarms go to the alarm topic.', width: 24, height: 2 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'API requests', width: 8, left: [props.stage.metricCount({ period: PERIOD })] }),
      new GraphWidget({
        title: 'API errors',
        width: 8,
        left: [props.stage.metricServerError({ period: PERIOD }), props.stage.metricClientError({ period: PERIOD })],
      }),
      new GraphWidget({
        title: 'API latency (p50, p99)',
        width: 8,
        left: [props.stage.metricLatency({ period: PERIOD, statistic: Stats.percentile(50) }), props.stage.metricLatency({ period: PERIOD, statistic: Stats.percentile(99) })],
      }),
    );
    this.dashboard.addWidgets(
      perFunction('Lambda errors', (fn) => fn.metricErrors({ period: PERIOD })),
      perFunction('Lambda throttles', (fn) => fn.metricThrottles({ period: PERIOD })),
      perFunction('Lambda duration (p99)', (fn) => fn.metricDuration({ period: PERIOD, statistic: Stats.percentile(99) })),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Customers and invitations',
        width: 8,
        left: [
          business(BUSINESS_METRICS.customersCreated),
          business(BUSINESS_METRICS.invitationsSent),
          business(BUSINESS_METRICS.invitationsAccepted),
          business(BUSINESS_METRICS.invitationsExpired),
        ],
      }),
      new GraphWidget({
        title: 'Inbound mail by outcome',
        width: 8,
        left: INBOUND_OUTCOMES.map((outcome) => business(BUSINESS_METRICS.inboundMail, { outcome }).with({ label: outcome })),
      }),
      new GraphWidget({ title: 'DynamoDB throttled requests', width: 8, left: [tableThrottles(props.table)] }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'SES reputation (bounce and complaint rates)',
        width: 24,
        left: Object.keys(SES_RATE_LIMITS).map((metricName) => new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) })),
      }),
    );
  }
}
