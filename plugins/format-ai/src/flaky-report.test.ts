import { readFileSync } from 'node:fs';
import type { FlakyReport } from '@aqe/kernel';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { toAiOutput } from './ai-output.js';

const schema = JSON.parse(readFileSync(new URL('../../../docs/schema/ai-output.v1.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const suspect = (testId: string, flips: number) => ({
  testId,
  file: testId.split(' > ')[0]!,
  titlePath: testId.split(' > ').slice(1),
  flips,
  runs: 6,
  failureRate: 0.5,
  lastStatuses: ['passed', 'failed'],
  reason: `${flips} pass/fail changes with unchanged file content in 6 runs (3 failed)`,
});
const confirmation = (testId: string, failed: number, classification: 'confirmed-flaky' | 'stable-pass') => ({
  testId,
  file: testId.split(' > ')[0]!,
  titlePath: testId.split(' > ').slice(1),
  runs: 10,
  passed: 10 - failed,
  failed,
  flakeRate: failed / 10,
  interval: { low: 0.1, high: 0.7 },
  classification,
});

const suspects = [suspect('test/b it s.test.js > coin', 3), suspect('test/a.test.js > clock', 2)];
const reports: [string, FlakyReport][] = [
  ['no history', { examined: 0, suspects: [] }],
  ['nothing flaky', { examined: 4, suspects: [] }],
  ['suspects', { examined: 4, suspects }],
  [
    'confirmed and quarantined',
    {
      examined: 4,
      suspects,
      confirm: { runs: 10, notRun: [], results: [confirmation('test/a.test.js > clock', 0, 'stable-pass'), confirmation('test/b it s.test.js > coin', 4, 'confirmed-flaky')] },
      quarantine: { file: 'aqe.quarantine.json', added: ['test/b it s.test.js > coin'], total: 1 },
    },
  ],
];

describe('ai output of aqe flaky', () => {
  it.each(reports)('%s is valid against the v1 schema', (_name, data) => {
    const out = toAiOutput({ kind: 'flaky', data });
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.outputType).toBe('flaky_report');
  });

  it('maps the findings to a status', () => {
    expect(reports.map(([, data]) => toAiOutput({ kind: 'flaky', data }).status)).toEqual(['warning', 'success', 'failure', 'failure']);
  });

  it('suggests confirming suspects with the exact command, paths quoted for the shell', () => {
    const [action] = toAiOutput({ kind: 'flaky', data: reports[2]![1] }).actionSuggestions;
    expect(action).toMatchObject({ action: 'confirm_flaky', affectedTests: ['test/a.test.js > clock', 'test/b it s.test.js > coin'], targetFiles: ['test/a.test.js', 'test/b it s.test.js'] });
    expect(action!.automation.command).toBe("npx aqe flaky --confirm --runs 10 test/a.test.js 'test/b it s.test.js'");
  });

  it('suggests stabilising each confirmed file, verified by a longer confirm', () => {
    const actions = toAiOutput({ kind: 'flaky', data: reports[3]![1] }).actionSuggestions;
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ action: 'stabilize_flaky_tests', priority: 'high', affectedTests: ['test/b it s.test.js > coin'], targetFiles: ['test/b it s.test.js'] });
    expect(actions[0]!.automation.command).toBe("npx aqe flaky --confirm --runs 20 'test/b it s.test.js'");
    // Already quarantined: no step asks to quarantine it again.
    expect(actions[0]!.steps.join('\n')).not.toContain('--quarantine');
  });
});
