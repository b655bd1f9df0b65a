import type { FlakyReport } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { paletteFor } from './palette.js';
import { renderFlaky } from './render-flaky.js';

const c = paletteFor(false);
const suspects: FlakyReport['suspects'] = [
  { testId: 'test/time.test.js > clock > rounds', file: 'test/time.test.js', titlePath: ['clock', 'rounds'], flips: 3, runs: 4, failureRate: 0.5, lastStatuses: ['passed', 'failed', 'skipped', 'passed', 'failed'], reason: '' },
  { testId: 'test/random.test.js > picks', file: 'test/random.test.js', titlePath: ['picks'], flips: 1, runs: 2, failureRate: 0.5, lastStatuses: ['passed', 'failed'], reason: '' },
];

describe('renderFlaky', () => {
  it('says how to get history when there is none, and says so when nothing is flaky', () => {
    expect(renderFlaky({ examined: 0, suspects: [] }, c)).toEqual(['No run history yet: run `aqe run` a few times, then `aqe flaky`.']);
    expect(renderFlaky({ examined: 5, suspects: [] }, c)).toEqual(['✓ No flaky tests: none of the 5 tests with history changed outcome while its file stayed the same.']);
  });

  it('groups suspects by file with their evidence, then points at --confirm', () => {
    expect(renderFlaky({ examined: 7, suspects }, c).join('\n')).toBe(
      [
        'Flaky suspects: 2 of 7 tests with history changed outcome while their file did not',
        '',
        '  test/time.test.js',
        '    ? clock > rounds  3 flips in 4 runs, failed 50%  ✓✗-✓✗',
        '',
        '  test/random.test.js',
        '    ? picks  1 flip in 2 runs, failed 50%  ✓✗',
        '',
        'Re-run them to measure a flake rate: aqe flaky --confirm',
      ].join('\n'),
    );
  });

  it('shows flake rates with their intervals and what was quarantined', () => {
    const report: FlakyReport = {
      examined: 7,
      suspects,
      confirm: {
        runs: 10,
        notRun: ['test/random.test.js > picks'],
        results: [
          { testId: 'test/time.test.js > clock > rounds', file: 'test/time.test.js', titlePath: ['clock', 'rounds'], runs: 10, passed: 6, failed: 4, flakeRate: 0.4, interval: { low: 0.168, high: 0.687 }, classification: 'confirmed-flaky' },
        ],
      },
      quarantine: { file: 'aqe.quarantine.json', added: ['test/time.test.js > clock > rounds'], total: 3 },
    };
    const text = renderFlaky(report, c).join('\n');
    expect(text).toContain("Confirmed by re-running each suspect's file 10 times:");
    expect(text).toContain('    ✗ clock > rounds  confirmed-flaky  failed 4 of 10  flake rate 40% (95% CI 16.8%–68.7%)');
    expect(text).toContain('Not reported by any re-run (renamed or removed?):\n    test/random.test.js > picks');
    expect(text).toContain('1 confirmed flaky (2 suspects)');
    expect(text).toContain('Quarantined 1 test in aqe.quarantine.json (3 in total): aqe run reports their failures without failing.');
    expect(text).not.toContain('aqe flaky --confirm');
  });
});
