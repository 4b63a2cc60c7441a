/**
 * Schedules: what runs by the clock. Daily, the invitation cleanup (functions/cleanup.ts) expires unaccepted
 * invitations, removes their untouched placeholder accounts and sends reminders, as of the event's time.
 */
import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface SchedulesProps {
  readonly cleanup: IFunction;
}

/** 03:15 UTC: after most desks' working day, away from the top of the hour when scheduled jobs bunch up. */
export const CLEANUP_SCHEDULE = { minute: '15', hour: '3' } as const;

export class Schedules extends Construct {
  readonly dailyCleanup: Rule;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.dailyCleanup = new Rule(this, 'DailyCleanup', {
      description: 'Invitation cleanup: expire unaccepted invitations, remove untouched placeholder accounts, send reminders',
      schedule: Schedule.cron(CLEANUP_SCHEDULE),
      // The cleanup is idempotent, so a repeated delivery is harmless; an event older than a few hours is left to the
      // next day's run, which does the same work.
      targets: [new LambdaFunction(props.cleanup, { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });
  }
}
