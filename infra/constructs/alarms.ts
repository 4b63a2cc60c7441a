/**
 * Alarms: what an operator is told about, all sent to one topic (TLS-only; context `alarmEmail` subscribes an
 * address). Lambda errors and throttles per function (the scheduled cleanup's errors among them), messages in a
 * dead-letter (failure) queue, API 5xx answers and slow answers, DynamoDB throttling, and the SES bounce and
 * complaint rates that put a sending account under review (AWS reviews above 5 % and 0.1 %: we alarm earlier on
 * bounces).
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { acknowledge } from '../nag';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** Functions by a readable name (used in alarm ids and descriptions). */
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly table: ITableV2;
  readonly stage: HttpStage;
  /** Failure destinations and dead-letter queues by a readable name: any visible message alarms. */
  readonly deadLetterQueues?: Readonly<Record<string, IQueue>>;
  /** Subscribed to the topic by email (context `alarmEmail`); AWS mails a confirmation link first. */
  readonly alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);

/** The API's p99 latency above this, for three periods in a row, alarms (functions time out at 10 s). */
export const API_P99_LATENCY_LIMIT_MS = 3000;

/** SES reputation rates (fractions), account-wide: SES publishes them without dimensions. */
export const SES_RATE_LIMITS = { 'Reputation.BounceRate': 0.02, 'Reputation.ComplaintRate': 0.001 } as const;

/**
 * Operations whose throttling we watch: those the store issues, plus the other item operations a new area is
 * likely to add. CloudWatch alarms allow at most 10 metrics in one expression.
 */
const WATCHED_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
  Operation.BATCH_GET_ITEM,
  Operation.BATCH_WRITE_ITEM,
];

export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Service desk alarms', enforceSSL: true });
    acknowledge(this.topic, 'SNS2', 'Alarm notifications carry alarm names and states only; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer-managed key adds cost for no secret');
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, fn.metricErrors({ period: PERIOD }), `Lambda ${name} threw or timed out`);
      this.alarm(`${name}Throttles`, fn.metricThrottles({ period: PERIOD }), `Lambda ${name} was throttled (account concurrency reached)`);
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues ?? {})) {
      const depth = queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });
      this.alarm(`${name}DeadLetters`, depth, `${name}: events failed after their retries are waiting in the queue`, { above: 0 });
    }
    this.alarm('Api5xx', props.stage.metricServerError({ period: PERIOD }), 'API answered 5xx');
    this.alarm(
      'ApiLatency',
      props.stage.metricLatency({ period: PERIOD, statistic: Stats.percentile(99) }),
      `API p99 latency above ${API_P99_LATENCY_LIMIT_MS} ms for 15 minutes`,
      { above: API_P99_LATENCY_LIMIT_MS, periods: 3 },
    );
    this.alarm('TableThrottles', tableThrottles(props.table), 'DynamoDB throttled requests (hot partition or account limit)');
    for (const [metricName, limit] of Object.entries(SES_RATE_LIMITS)) {
      const metric = new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
      this.alarm(metricName.replace('Reputation.', 'Ses'), metric, `SES ${metricName} above ${limit * 100} %`, { above: limit });
    }
  }

  /** Any occurrence in a period alarms, or a value above `above`; no data (no traffic) is fine. */
  private alarm(id: string, metric: IMetric, description: string, options: { above?: number; periods?: number } = {}): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: options.above ?? 1,
      evaluationPeriods: options.periods ?? 1,
      comparisonOperator:
        options.above === undefined ? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD : ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}

/**
 * DynamoDB publishes ThrottledRequests only when something was throttled, so a plain sum of the per-operation
 * metrics is empty whenever one of them has no data point: FILL each with 0 first, then add them up.
 */
export const tableThrottles = (table: ITableV2): MathExpression => {
  const usingMetrics = Object.fromEntries(
    WATCHED_OPERATIONS.map((operation, i) => [
      `t${i}`,
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName: 'ThrottledRequests',
        dimensionsMap: { TableName: table.tableName, Operation: operation },
        statistic: 'Sum',
        period: PERIOD,
      }),
    ]),
  );
  return new MathExpression({
    expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
    usingMetrics,
    period: PERIOD,
    label: 'Throttled requests (all watched operations)',
  });
};
