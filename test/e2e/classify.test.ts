import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, Sandbox } from './support/aqe.js';

const sh = promisify(execFile);
const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/schema/ai-output.v1.json'), 'utf8'));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await Sandbox.create();
});
afterEach(() => sandbox.remove());

async function project(): Promise<string> {
  return sandbox.linkedProject('classify-vitest');
}

interface AiFailure {
  id: string;
  classification?: { class: string; confidence: number; signature: string; reason: string };
}

const REGRESSION = 'tests/regression.test.ts > applies a 10% discount once';
const SNAPSHOT = 'tests/snapshot.test.ts > describes a price';
const ENVIRONMENT = 'tests/environment.test.ts > reaches the pricing service';

describe('aqe run classifies failures (failure-classifier agent in a worker)', () => {
  it('gives each failure its class and a suggestion that follows it, in ai and human output', async () => {
    const cwd = await project();
    const ai = await sandbox.run(['run', '--format', 'ai'], cwd);
    expect(ai.code).toBe(1);
    const out = JSON.parse(ai.stdout);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    const classes = Object.fromEntries((out.data.failures as AiFailure[]).map((f) => [f.id, f.classification?.class]));
    expect(classes).toEqual({ [REGRESSION]: 'regression', [SNAPSHOT]: 'snapshot', [ENVIRONMENT]: 'environment' });
    expect(out.actionSuggestions.map((a: { action: string; affectedTests: string[]; automation: { command: string } }) => [a.action, a.affectedTests, a.automation.command])).toEqual([
      ['check_environment', [ENVIRONMENT], 'npx aqe run tests/environment.test.ts'],
      ['fix_test_failures', [REGRESSION], 'npx aqe run tests/regression.test.ts'],
      ['update_snapshots', [SNAPSHOT], 'npx vitest run tests/snapshot.test.ts -u'],
    ]);

    // Learning never changes the verdicts on an unchanged, still failing suite (the refused port differs each run).
    const again = JSON.parse((await sandbox.run(['run', '--format', 'ai'], cwd)).stdout);
    expect(again.data.failures.map((f: AiFailure) => f.classification)).toEqual(out.data.failures.map((f: AiFailure) => f.classification));
    expect(again.actionSuggestions).toEqual(out.actionSuggestions);

    const human = await sandbox.run(['run', '--format', 'human'], cwd);
    expect(human.stdout).toMatch(/✗ reaches the pricing service\n(?:.*\n)*? {4}class environment \(\d+% confident\) A network resource/);
    expect(human.stdout).toContain('    next  if the new output is intended: npx vitest run tests/snapshot.test.ts -u');
    expect(human.stdout).toMatch(/ {4}class regression \(\d+% confident\) An assertion failed/);
  });

  it('learns what resolved a failure: a snapshot update is remembered the next time it fails', async () => {
    const cwd = await project();
    const snapFile = join(cwd, 'tests/__snapshots__/snapshot.test.ts.snap');
    const stale = readFileSync(snapFile, 'utf8');
    // --no-cache: every run must execute the file, whatever the result cache holds.
    const run = () => sandbox.run(['run', 'tests/snapshot.test.ts', '--no-cache', '--format', 'ai'], cwd);
    const reasonOf = async () => {
      const out = JSON.parse((await run()).stdout);
      return (out.data.failures as AiFailure[]).find((f) => f.id === SNAPSHOT)?.classification?.reason;
    };
    expect(await reasonOf()).toBe('The output no longer matches its stored snapshot.');
    // The suggested command, as a user would run it; then the test passes.
    await sh(join(repoRoot, 'node_modules/.bin/vitest'), ['run', 'tests/snapshot.test.ts', '-u'], { cwd, env: { ...process.env, NODE_ENV: '', VITEST: '' } });
    const passing = await run();
    expect(JSON.parse(passing.stdout).status).toBe('success');
    writeFileSync(snapFile, stale);
    expect(await reasonOf()).toBe('The output no longer matches its stored snapshot (it was fixed by a snapshot update once).');
  });
});
