/**
 * Business metrics as CloudWatch embedded-metric-format (EMF) lines: one JSON line on stdout per event, which
 * CloudWatch Logs turns into a metric in METRICS_NAMESPACE. Written by hand rather than with Powertools Metrics,
 * which would push the largest API bundle (requests) over its size budget (bench/bundles.ts); the format is small.
 */
import { METRICS_NAMESPACE, type BusinessMetric } from '#metrics/names';

/**
 * Counts `count` occurrences of a business event, with optional dimensions (an inbound mail's `outcome`, say).
 * Only in Lambda, where CloudWatch Logs reads the line: locally (`npm start`, tests) it would only be noise.
 */
export const countEvent = (name: BusinessMetric, count = 1, dimensions: Record<string, string> = {}): void => {
  if (count <= 0 || !process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  const line = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [Object.keys(dimensions)], Metrics: [{ Name: name, Unit: 'Count' }] }],
    },
    ...dimensions,
    [name]: count,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
};
