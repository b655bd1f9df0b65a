import type { FlakyConfirmation, FlakyReport } from '@aqe/kernel';
import { type ActionSuggestion, type Body, shellQuote } from './envelope.js';

const CONFIRM_RUNS = 10;
/** More re-runs to check a fix than to find the flake: a fix must hold where the flake showed up. */
const VERIFY_RUNS = 20;

/** `aqe flaky` for an assistant: the evidence per test and the exact commands to confirm, quarantine or verify a fix. */
export function flakyReport(r: FlakyReport): Body {
  const confirmed = r.confirm?.results.filter((c) => c.classification === 'confirmed-flaky') ?? [];
  const flaky = r.confirm ? confirmed.length > 0 : r.suspects.length > 0;
  return {
    status: r.examined === 0 ? 'warning' : flaky ? 'failure' : 'success',
    summary: {
      message: message(r, confirmed.length),
      examined: r.examined,
      suspects: r.suspects.length,
      ...(r.confirm ? { confirmedFlaky: confirmed.length, confirmRuns: r.confirm.runs } : {}),
      ...(r.quarantine ? { quarantined: r.quarantine.added.length } : {}),
    },
    data: { suspects: r.suspects, ...(r.confirm ? { confirm: r.confirm } : {}), ...(r.quarantine ? { quarantine: r.quarantine } : {}) },
    actionSuggestions: r.confirm ? stabilize(confirmed, r.quarantine !== undefined) : confirm(r),
    warnings: r.examined === 0 ? [{ code: 'AQE_NO_HISTORY', message: 'No run history: run `npx aqe run` a few times before looking for flaky tests.' }] : [],
    errors: [],
  };
}

function message(r: FlakyReport, confirmed: number): string {
  if (r.examined === 0) return 'No run history yet.';
  const found = `${r.suspects.length} flaky suspect(s) among ${r.examined} tests with history`;
  if (!r.confirm) return `${found}.`;
  return `${found}; ${confirmed} confirmed flaky in ${r.confirm.runs} re-runs per file${r.quarantine ? `; ${r.quarantine.added.length} added to ${r.quarantine.file}` : ''}.`;
}

const files = (items: readonly { file: string }[]) => [...new Set(items.map((i) => i.file))].sort();
const ids = (items: readonly { testId: string }[]) => items.map((i) => i.testId).sort();

function confirm(r: FlakyReport): ActionSuggestion[] {
  if (r.suspects.length === 0) return [];
  const targets = files(r.suspects);
  return [
    {
      action: 'confirm_flaky',
      priority: 'medium',
      reason: `${r.suspects.length} test(s) changed outcome while their file did not; re-running them measures how flaky they are`,
      affectedTests: ids(r.suspects),
      targetFiles: targets,
      steps: [
        `Re-run each suspect's file ${CONFIRM_RUNS} times and read the flake rate with its 95% interval`,
        'Quarantine the confirmed ones so they stop failing CI (add --quarantine)',
        'Fix the source of nondeterminism in each confirmed test',
      ],
      automation: { command: `npx aqe flaky --confirm --runs ${CONFIRM_RUNS} ${targets.map(shellQuote).join(' ')}`, canAutoFix: false, confidence: 0.7 },
    },
  ];
}

function stabilize(confirmed: readonly FlakyConfirmation[], quarantined: boolean): ActionSuggestion[] {
  return files(confirmed).map((file) => {
    const tests = confirmed.filter((c) => c.file === file);
    const worst = Math.max(...tests.map((t) => t.flakeRate));
    return {
      action: 'stabilize_flaky_tests',
      priority: 'high',
      reason: `${tests.length} test(s) in ${file} both passed and failed on unchanged code (flake rate up to ${Math.round(worst * 1000) / 10}%)`,
      affectedTests: ids(tests),
      targetFiles: [file],
      steps: [
        'Find the nondeterminism: Math.random, Date.now or timers, shared state between tests, test order, network or file system',
        'Make it deterministic: seed or inject randomness, fake the clock, reset shared state in beforeEach, await what the test depends on',
        ...(quarantined ? [] : [`Meanwhile keep it from failing CI: npx aqe flaky --confirm --quarantine ${shellQuote(file)}`]),
        `Verify the fix: the command below must report 0 confirmed flaky, then remove the tests from aqe.quarantine.json`,
      ],
      automation: { command: `npx aqe flaky --confirm --runs ${VERIFY_RUNS} ${shellQuote(file)}`, canAutoFix: false, confidence: 0.6 },
    };
  });
}
