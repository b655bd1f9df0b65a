// One way to show a metric value, in the terminal table and in the PR comment alike:
// sub-millisecond times in µs, 3–4 significant digits, ratios with a ×.
export function formatValue(value, unit) {
  if (unit === 'ms' && value < 1) return `${(value * 1000).toPrecision(3)} µs`;
  if (unit === 'ms') return `${value.toPrecision(4)} ms`;
  if (unit === 'x') return `${value.toFixed(2)}×`;
  return `${value} ${unit}`;
}
