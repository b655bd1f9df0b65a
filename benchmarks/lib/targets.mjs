// Targets from ARCHITECTURE.md's "Performance targets" for the metrics measured
// so far. Shown beside the numbers for information only: the gate in CI is the
// regression compare against a baseline, never an absolute wall-clock number.
export const targets = {
  'cli.startup.ratio': { max: 2.5, text: '≤ 2.5× node -e 0' },
  'discover.kernel.warm': { max: 10, text: '< 10 ms' },
  'discover.jest.warm.share': { max: 1 / 3, text: '≤ 0.33 (≥ 3× faster than jest)' },
  'store.get.1kb': { max: 0.1, text: '< 0.1 ms (local cache get)' },
};
