import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlakyReport, RunResult } from '@aqe/kernel';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, repoRoot, Sandbox } from './support/aqe.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/schema/ai-output.v1.json'), 'utf8'));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

const RANDOM = 'test/random.test.js > assigns a senior reviewer';
const TIME = 'test/time.test.js > the current second started in the past';
const ORDER = 'test/order.test.js > reads the retries setting';

let sandbox: Sandbox;
let cwd: string;
let state: string;
// The fixture's random and time-dependent tests then alternate pass, fail, ... (test/fixtures/flaky-node/README.md);
// the result cache is off so every run runs every file, as flakiness only shows in runs.
const env = () => ({ AQE_FLAKY_FIXTURE_STATE: state, AQE_CACHE: 'off' });
const aqe = (...args: string[]) => sandbox.run(args, cwd, env());

beforeAll(async () => {
  sandbox = await Sandbox.create();
  cwd = await sandbox.project('flaky-node');
  state = join(sandbox.dir, 'state');
  mkdirSync(state);
  // History: random and time pass, fail, pass; the order-dependent test fails once when run alone.
  for (const args of [['run'], ['run'], ['run', 'test/order.test.js', '-t', 'reads the retries setting'], ['run']]) {
    expect((await aqe(...args, '--format', 'json')).code).toBe(1);
  }
});
afterAll(() => sandbox.remove());

describe('aqe flaky', () => {
  it('lists the tests that flipped with unchanged files, strongest evidence first, and not the stable ones; exits 1', async () => {
    const result = await aqe('flaky', '--format', 'json');
    expect(result.code).toBe(1);
    const report = jsonData<FlakyReport>(result, 'flaky');
    expect(report.examined).toBe(7);
    expect(report.suspects.map((s) => [s.testId, s.flips, s.runs])).toEqual([
      [ORDER, 2, 4],
      [RANDOM, 2, 3],
      [TIME, 2, 3],
    ]);
    expect(report.suspects[0]).toMatchObject({ file: 'test/order.test.js', titlePath: ['reads the retries setting'], failureRate: 0.25, lastStatuses: ['passed', 'passed', 'failed', 'passed'] });

    const human = await aqe('flaky');
    expect(human.stdout).toContain('Flaky suspects: 3 of 7 tests with history');
    expect(human.stdout).toContain('? assigns a senior reviewer');
    expect(human.stdout).not.toContain('adds two numbers');
    expect(human.stdout).not.toContain('adds three numbers');
  });

  it('narrows to the given paths and exits 0 when nothing there is flaky', async () => {
    const result = await aqe('flaky', 'test/stable.test.js', 'test/broken.test.js');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No flaky tests');
  });

  it('gives schema-valid, byte-identical ai output suggesting the exact confirm command', async () => {
    const first = await sandbox.run(['flaky'], cwd, { ...env(), AQE_AI_OUTPUT: '1' });
    const second = await sandbox.run(['flaky'], cwd, { ...env(), AQE_AI_OUTPUT: '1' });
    expect(first.stdout).toBe(second.stdout);
    const out = JSON.parse(first.stdout);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out).toMatchObject({ outputType: 'flaky_report', status: 'failure', summary: { suspects: 3, examined: 7 } });
    expect(out.actionSuggestions).toEqual([
      expect.objectContaining({
        action: 'confirm_flaky',
        affectedTests: [ORDER, RANDOM, TIME],
        automation: expect.objectContaining({ command: 'npx aqe flaky --confirm --runs 10 test/order.test.js test/random.test.js test/time.test.js' }),
      }),
    ]);
  });

  it('--confirm re-runs each suspect file and reports flake rates with 95% Wilson intervals', async () => {
    const result = await aqe('flaky', '--confirm', '--runs', '6', '--format', 'json');
    expect(result.code).toBe(1);
    const { confirm } = jsonData<FlakyReport>(result, 'flaky');
    expect(confirm).toEqual({
      runs: 6,
      notRun: [],
      results: [
        // Passes in a whole-file run every time: re-running does not reproduce an order dependence.
        { testId: ORDER, file: 'test/order.test.js', titlePath: ['reads the retries setting'], runs: 6, passed: 6, failed: 0, flakeRate: 0, interval: { low: 0, high: 0.39 }, classification: 'stable-pass' },
        { testId: RANDOM, file: 'test/random.test.js', titlePath: ['assigns a senior reviewer'], runs: 6, passed: 3, failed: 3, flakeRate: 0.5, interval: { low: 0.188, high: 0.812 }, classification: 'confirmed-flaky' },
        { testId: TIME, file: 'test/time.test.js', titlePath: ['the current second started in the past'], runs: 6, passed: 3, failed: 3, flakeRate: 0.5, interval: { low: 0.188, high: 0.812 }, classification: 'confirmed-flaky' },
      ],
    });
  });

  it('--runs without --confirm is a usage error (exit 2)', async () => {
    const result = await aqe('flaky', '--runs', '3');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--confirm');
  });
});

describe('quarantine', () => {
  it('--quarantine writes the confirmed flaky tests; aqe run then reports their failures without failing', async () => {
    const result = await aqe('flaky', '--confirm', '--runs', '4', '--quarantine', '--format', 'json');
    expect(jsonData<FlakyReport>(result, 'flaky').quarantine).toEqual({ file: 'aqe.quarantine.json', added: [RANDOM, TIME], total: 2 });
    const file = JSON.parse(readFileSync(join(cwd, 'aqe.quarantine.json'), 'utf8'));
    expect(file).toEqual({
      version: 1,
      tests: [
        { id: RANDOM, file: 'test/random.test.js', titlePath: ['assigns a senior reviewer'], reason: 'flaky: failed 2 of 4 re-runs (flake rate 50%, 95% CI 15%–85%)', since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
        { id: TIME, file: 'test/time.test.js', titlePath: ['the current second started in the past'], reason: 'flaky: failed 2 of 4 re-runs (flake rate 50%, 95% CI 15%–85%)', since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      ],
    });

    // The next run of each is the failing half of its alternation.
    writeFileSync(join(state, 'random'), '1');
    writeFileSync(join(state, 'clock'), '1');
    const paths = ['test/order.test.js', 'test/random.test.js', 'test/stable.test.js', 'test/time.test.js'];
    const json = await aqe('run', ...paths, '--format', 'json');
    expect(json.code).toBe(0);
    const run = jsonData<RunResult>(json, 'run');
    expect(run.summary).toMatchObject({ failed: 2, quarantined: 2 });
    expect(
      run.files
        .flatMap((f) => f.tests)
        .filter((t) => t.quarantined)
        .map((t) => t.id),
    ).toEqual([RANDOM, TIME]);

    writeFileSync(join(state, 'random'), '1');
    writeFileSync(join(state, 'clock'), '1');
    const human = await aqe('run', ...paths);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('assigns a senior reviewer (quarantined: does not fail the run)');
    expect(human.stdout).toMatch(/Tests {2}2 failed \| 2 quarantined \| 4 passed \(6\)/);

    // A failure that is not quarantined still fails the run.
    expect((await aqe('run')).code).toBe(1);
  });

  it('a malformed quarantine file stops aqe run with AQE_QUARANTINE_INVALID naming the file and the fix (exit 2)', async () => {
    writeFileSync(join(cwd, 'aqe.quarantine.json'), JSON.stringify({ version: 1, tests: [{ name: 'x' }] }));
    const result = await aqe('run');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AQE_QUARANTINE_INVALID');
    expect(result.stderr).toContain('aqe.quarantine.json');
    expect(result.stderr).toContain('aqe flaky --quarantine');
  });
});

describe('aqe flaky without history', () => {
  it('says how to build history and exits 0', async () => {
    const empty = join(sandbox.dir, 'empty');
    mkdirSync(empty);
    const result = await sandbox.run(['flaky'], empty, env());
    expect(result.stdout).toContain('No run history yet');
    expect(result.code).toBe(0);
  });
});
