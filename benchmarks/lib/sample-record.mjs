// A realistic record for the store benchmarks: one test file's cached result, shaped
// like TestFileResult, about 1 KB once msgpack-encoded (1,057–1,091 bytes with msgpackr).
export function sampleFileResult(seed = 0) {
  const file = `packages/app/src/components/widget-${seed}.test.ts`;
  const tests = Array.from({ length: 4 }, (_, i) => ({
    id: `${file} > Widget ${seed} > renders state ${i}`,
    file,
    titlePath: [`Widget ${seed}`, `renders state ${i}`],
    location: { line: 12 + i * 9, column: 3 },
    status: 'passed',
    durationMs: 3.25 + i,
    retries: 0,
  }));
  return { file, runner: 'vitest', status: 'passed', durationMs: 41.5, tests };
}
