/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval of a proportion `successes / trials`. Unlike the normal
 * approximation it stays inside [0, 1] and is not a zero-width interval at 0 or n
 * successes, which is exactly where a flake rate from a handful of re-runs sits.
 */
export function wilsonInterval(successes: number, trials: number, z = Z95): { low: number; high: number } {
  if (!(Number.isInteger(successes) && Number.isInteger(trials) && successes >= 0 && successes <= trials)) {
    throw new RangeError(`wilsonInterval: need integers 0 ≤ successes ≤ trials, received ${successes} of ${trials}`);
  }
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // Clamp the rounding noise at the ends (centre - half can come out as -1e-17).
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
