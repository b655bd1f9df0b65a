import { describe, expect, it } from 'vitest';
import { classify } from './confirm.js';

const suspect = { testId: 'a.test.js > coin', file: 'a.test.js', titlePath: ['coin'] };

describe('classify', () => {
  it.each([
    [7, 3, 'confirmed-flaky', 0.3, 0.108, 0.603],
    [10, 0, 'stable-pass', 0, 0, 0.278],
    [0, 10, 'stable-fail', 1, 0.722, 1],
  ] as const)('%i passed, %i failed → %s, flake rate %f in [%f, %f]', (passed, failed, classification, flakeRate, low, high) => {
    expect(classify(suspect, { passed, failed })).toEqual({ ...suspect, runs: passed + failed, passed, failed, flakeRate, interval: { low, high }, classification });
  });
});
