import { describe, expect, it } from 'vitest';
import { findSuspects, type RecordedOutcome, splitTestId, type TestHistory } from './find-suspects.js';

/** `'PF.p'` → passed, failed, skipped, passed; a letter after `|` switches to another file content. */
function outcomes(pattern: string): RecordedOutcome[] {
  let hash = 'h1';
  const out: RecordedOutcome[] = [];
  for (const ch of pattern) {
    if (ch === '|') hash = `${hash}'`;
    else if (ch === 'R') out.push({ status: 'passed', hash, retries: 1 });
    else out.push({ status: ch === 'P' ? 'passed' : ch === 'F' ? 'failed' : 'skipped', hash, retries: 0 });
  }
  return out;
}

const history = (testId: string, pattern: string): TestHistory => ({ testId, outcomes: outcomes(pattern) });

describe('findSuspects', () => {
  it.each([
    ['always passes', 'PPPPP', null],
    ['always fails', 'FFFF', null],
    ['fixed by an edit of its file', 'FFF|PPP', null],
    ['broken by an edit, then flaky', 'PP|FPF', 2],
    ['alternates with the same content', 'PFPF', 3],
    ['flips across skipped runs', 'P..F', 1],
    ['passes only after a retry', 'PPRP', 1],
  ])('a test that %s has %s flips', (_name, pattern, flips) => {
    const [suspect] = findSuspects([history('a.test.js > t', pattern)]);
    expect(suspect?.flips ?? null).toBe(flips);
  });

  it('does not count a change when the content hash is unknown', () => {
    expect(
      findSuspects([
        {
          testId: 'a.test.js > t',
          outcomes: [
            { status: 'passed', hash: null },
            { status: 'failed', hash: null },
          ],
        },
      ]),
    ).toEqual([]);
  });

  it('reports the evidence a person can check', () => {
    expect(findSuspects([history('test/a.test.js > math > adds', 'PPFP.PFR')])).toEqual([
      {
        testId: 'test/a.test.js > math > adds',
        file: 'test/a.test.js',
        titlePath: ['math', 'adds'],
        flips: 5,
        runs: 7,
        failureRate: 0.286,
        lastStatuses: ['passed', 'passed', 'failed', 'passed', 'skipped', 'passed', 'failed', 'passed'],
        reason: '4 pass/fail changes with unchanged file content, 1 pass only after a retry in 7 runs (2 failed)',
      },
    ]);
  });

  it('sorts by descending flips, then runs, then id, and applies limit, minFlips and files', () => {
    const all = [history('b.test.js > x', 'PF'), history('a.test.js > y', 'PF'), history('c/d.test.js > z', 'PFPF'), history('a.test.js > w', 'PPPF'), history('e.test.js > v', 'PPP')];
    expect(findSuspects(all).map((s) => s.testId)).toEqual(['c/d.test.js > z', 'a.test.js > w', 'a.test.js > y', 'b.test.js > x']);
    expect(findSuspects(all, { limit: 2 }).map((s) => s.testId)).toEqual(['c/d.test.js > z', 'a.test.js > w']);
    expect(findSuspects(all, { minFlips: 2 }).map((s) => s.testId)).toEqual(['c/d.test.js > z']);
    expect(findSuspects(all, { files: ['./c/', 'b.test.js'] }).map((s) => s.testId)).toEqual(['c/d.test.js > z', 'b.test.js > x']);
  });

  it('keeps only the last 10 statuses', () => {
    const [suspect] = findSuspects([history('a.test.js > t', 'FFFFFFFFFFFFP')]);
    expect(suspect?.lastStatuses).toHaveLength(10);
    expect(suspect?.lastStatuses.at(-1)).toBe('passed');
  });
});

describe('splitTestId', () => {
  it('splits the file from the title path', () => {
    expect(splitTestId('src/a.test.ts > suite > case')).toEqual({ file: 'src/a.test.ts', titlePath: ['suite', 'case'] });
  });
});
