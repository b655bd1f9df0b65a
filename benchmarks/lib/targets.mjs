// Targets from ARCHITECTURE.md's "Performance targets" for the metrics measured
// so far. Shown beside the numbers for information only: the gate in CI is the
// regression compare against a baseline, never an absolute wall-clock number.
export const targets = {
  'agents.cold-start': { max: 20, text: '< 20 ms (new pool, first task)' },
  'agents.dispatch': { max: 0.2, text: '< 0.2 ms median, p99 < 2 ms' },
  'agents.memory-per-thread': { max: 5, text: '< 5 MB per extra thread' },
  'cli.startup.ratio': { max: 2.5, text: '≤ 2.5× node -e 0' },
  'discover.kernel.warm': { max: 10, text: '< 10 ms' },
  'discover.jest.warm.share': { max: 1 / 3, text: '≤ 0.33 (≥ 3× faster than jest)' },
  'discover.jest.cold.share': { max: 1 / 2, text: '≤ 0.5 (≥ 2× faster than jest, --no-cache)' },
  'patterns.match.100k': { max: 1, text: '< 1 ms (never > 3 ms)' },
  'store.get.1kb': { max: 0.1, text: '< 0.1 ms (local cache get)' },
};
