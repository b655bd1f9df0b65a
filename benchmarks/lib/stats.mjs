// Order statistics for hand-timed samples (process spawns), matching how tinybench
// reports its own: the median is the reported value because it shrugs off the
// outliers a shared, noisy machine produces.

/** Linear interpolation between order statistics, like tinybench's percentiles. */
export function quantile(values, q) {
  if (values.length === 0) throw new Error('quantile of no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

/** Four significant digits: beyond that the numbers are noise and only churn diffs. */
export const round = (value) => Number(value.toPrecision(4));
