/** Small statistics for the bench: nearest-rank percentiles over samples in milliseconds. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
};

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Milliseconds rounded to 0.01 for the reports. */
export const ms = (value: number): number => Math.round(value * 100) / 100;
