import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiscoverReport } from '@aqe/kernel';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonData, repoRoot, Sandbox } from './support/aqe.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await Sandbox.create();
});
afterEach(() => sandbox.remove());

/** A fixture copy that resolves the frameworks from the repository's node_modules, as the fixtures in place do. */
async function project(name: string): Promise<string> {
  return sandbox.linkedProject(name);
}

const files = (r: DiscoverReport, runner: string) => r.runners.find((x) => x.runner === runner)?.files ?? [];

// Directory mtimes have filesystem granularity; move them forward so a change in the same tick counts.
function touch(dir: string) {
  const t = new Date(Date.now() + 10_000);
  utimesSync(dir, t, t);
}

describe('aqe discover', () => {
  it('reflects a test file added, deleted and renamed between two warm calls', async () => {
    const cwd = await project('jest-basic');
    const first = await sandbox.run(['discover', '--json'], cwd);
    expect(first.code).toBe(0);
    const before = files(jsonData<DiscoverReport>(first, 'discover'), 'jest');
    expect(before).toContain('src/sum.test.js');
    const warm = jsonData<DiscoverReport>(await sandbox.run(['discover', '--json'], cwd), 'discover');
    expect(warm.runners[0]?.cached).toBe(true);
    writeFileSync(join(cwd, 'src/added.test.js'), "test('added', () => {});\n");
    rmSync(join(cwd, 'src/sum.test.js'));
    renameSync(join(cwd, 'src/sum.spec.ts'), join(cwd, 'src/renamed.spec.ts'));
    writeFileSync(join(cwd, 'src/legacy.test.cjs'), `${readFileSync(join(cwd, 'src/legacy.test.cjs'), 'utf8')}\n// changed\n`);
    touch(join(cwd, 'src'));
    const after = files(jsonData<DiscoverReport>(await sandbox.run(['discover', '--json'], cwd), 'discover'), 'jest');
    expect(after).toEqual([...before.filter((f) => f !== 'src/sum.test.js' && f !== 'src/sum.spec.ts'), 'src/added.test.js', 'src/renamed.spec.ts'].sort());
  });

  it('--no-cache neither creates nor changes the store', async () => {
    const cwd = await project('jest-basic');
    const cold = await sandbox.run(['discover', '--json', '--no-cache'], cwd);
    expect(cold.code).toBe(0);
    expect(files(jsonData<DiscoverReport>(cold, 'discover'), 'jest')).toContain('src/sum.test.js');
    expect(existsSync(join(cwd, '.aqe'))).toBe(false);
    const first = jsonData<DiscoverReport>(await sandbox.run(['discover', '--json'], cwd), 'discover');
    expect(first.runners[0]?.cached).toBe(false);
    // A test file added now is listed by --no-cache, and the store still holds the earlier listing.
    writeFileSync(join(cwd, 'src/added.test.js'), "test('added', () => {});\n");
    touch(join(cwd, 'src'));
    expect(files(jsonData<DiscoverReport>(await sandbox.run(['discover', '--json', '--no-cache'], cwd), 'discover'), 'jest')).toContain('src/added.test.js');
    rmSync(join(cwd, 'src/added.test.js'));
    touch(join(cwd, 'src'));
    const warm = jsonData<DiscoverReport>(await sandbox.run(['discover', '--json'], cwd), 'discover');
    expect(warm.runners[0]?.files).toEqual(first.runners[0]?.files);
  });

  it('stops quietly when the reader of its output goes away (`aqe discover --json | head`)', async () => {
    // Enough test files that the listing outgrows a pipe's buffer, so writes go on after the reader left.
    const cwd = join(sandbox.dir, 'many');
    const names = Array.from({ length: 3000 }, (_, i) => `tests/a-rather-long-directory-name-${i % 30}/case-number-${i}.test.js`);
    for (const name of names) {
      mkdirSync(join(cwd, name, '..'), { recursive: true });
      writeFileSync(join(cwd, name), '');
    }
    writeFileSync(join(cwd, 'package.json'), '{ "name": "many", "scripts": { "test": "node --test" } }\n');
    const child = spawn(process.execPath, [join(repoRoot, 'cli/bin/run.js'), 'discover', '--json', '--runner', 'node'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('keeps what a Jest config prints out of its output, cold and head-started', async () => {
    const cwd = await project('jest-basic');
    writeFileSync(join(cwd, 'jest.config.js'), "console.log('config says hi');\nprocess.stderr.write('config warns\\n');\nmodule.exports = {};\n");
    for (const args of [
      ['discover', '--json', '--no-cache'],
      ['discover', '--json', '--runner', 'jest', '--no-cache'],
    ]) {
      const result = await sandbox.run(args, cwd);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain('config says hi');
      expect(files(jsonData<DiscoverReport>(result, 'discover'), 'jest')).toContain('src/sum.test.js');
    }
  });

  it('prints schema-valid ai output, and exits 0 with a note when there are no tests', async () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/schema/ai-output.v1.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const cwd = await sandbox.project('plain-project');
    const result = await sandbox.run(['discover', '--format', 'ai'], cwd);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.summary.message).toBe('No test framework detected.');
    expect(out.status).toBe('warning');
    const human = await sandbox.run(['discover'], cwd);
    expect(human.stdout).toContain('No test runners detected');
  });

  it('filters by --runner and rejects an unknown one with exit 2', async () => {
    const cwd = await project('jest-basic');
    const only = jsonData<DiscoverReport>(await sandbox.run(['discover', '--json', '--runner', 'jest'], cwd), 'discover');
    expect(only.runners.map((r) => r.runner)).toEqual(['jest']);
    const bad = await sandbox.run(['discover', '--runner', 'mocha'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no runner "mocha".*vitest/);
  });

  it('exits 1 naming the file when a framework config cannot be loaded', async () => {
    const cwd = await project('jest-basic');
    writeFileSync(join(cwd, 'jest.config.js'), 'module.exports = {{;\n');
    const result = await sandbox.run(['discover', '--json', '--no-cache'], cwd);
    expect(result.code).toBe(1);
    const report = jsonData<DiscoverReport>(result, 'discover');
    expect(report.runners[0]?.error).toMatchObject({ code: 'AQE_RUNNER_CONFIG_FAILED', message: expect.stringContaining('jest.config.js') });
  });
});
