import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from './support/aqe.js';

// As Vitest and Jest: a run that finds nothing to run fails, and says why; --pass-with-no-tests makes it pass.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await Sandbox.create();
});
afterAll(() => sandbox.remove());

async function emptyProject(): Promise<string> {
  const dir = join(sandbox.dir, 'empty');
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0' }));
  await writeFile(join(dir, 'src/index.js'), 'module.exports = 1;\n');
  return dir;
}

describe('aqe run with nothing to run', () => {
  it('a repository without tests exits 1 saying no runner was detected; --pass-with-no-tests exits 0', async () => {
    const dir = await emptyProject();
    const failed = await sandbox.run(['run'], dir);
    expect(failed.code).toBe(1);
    expect(failed.stdout + failed.stderr).toMatch(/No test files found: no test runner is detected/);
    expect((await sandbox.run(['run', '--pass-with-no-tests'], dir)).code).toBe(0);
  });

  it('a path that does not exist, and a filter that matches nothing, exit 1 naming them', async () => {
    const dir = await sandbox.linkedProject('sample-project');
    const missing = await sandbox.run(['run', 'src/nope'], dir, { AQE_CACHE: 'off' });
    expect(missing.code).toBe(1);
    expect(missing.stdout + missing.stderr).toContain('no test file matches "src/nope" (no such file or directory)');
    const unmatched = await sandbox.run(['run', 'zzz'], dir, { AQE_CACHE: 'off' });
    expect(unmatched.code).toBe(1);
    expect(unmatched.stdout + unmatched.stderr).toContain('no test file matches "zzz"');
    expect((await sandbox.run(['run', 'zzz', '--passWithNoTests'], dir, { AQE_CACHE: 'off' })).code).toBe(0);
  });

  it('an unknown flag is a usage error that names the nearest flag', async () => {
    const result = await sandbox.run(['run', '--bial'], await emptyProject());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Did you mean --bail?');
  });
});
