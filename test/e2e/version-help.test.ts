import { readFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, Sandbox } from './support/aqe.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'cli/package.json'), 'utf8')) as { name: string; version: string };

describe('aqe --version and --help', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await Sandbox.create();
  });
  afterAll(() => sandbox.remove());

  it.each([['--version'], ['-v']])('%s prints name/version platform-arch node-version', async (flag) => {
    const result = await sandbox.run([flag], sandbox.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${pkg.name}/${pkg.version} ${platform()}-${arch()} node-${process.version}\n`);
  });

  it('prints the same line through oclif when more arguments follow', async () => {
    const fast = await sandbox.run(['--version'], sandbox.dir);
    const viaOclif = await sandbox.run(['--version', '--cwd', '.'], sandbox.dir);
    expect(viaOclif.stdout).toBe(fast.stdout);
  });

  it('--help lists every command', async () => {
    const result = await sandbox.run(['--help'], sandbox.dir);
    expect(result.code).toBe(0);
    for (const command of ['config', 'doctor', 'plugins']) expect(result.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
  });

  it('doctor --help shows its own and the global flags', async () => {
    const result = await sandbox.run(['doctor', '--help'], sandbox.dir);
    expect(result.code).toBe(0);
    for (const flag of ['--strict', '--cwd', '--config', '--format']) expect(result.stdout).toContain(flag);
  });

  it('an unknown flag is a usage error (exit 2)', async () => {
    const result = await sandbox.run(['doctor', '--no-such-flag'], sandbox.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--no-such-flag');
  });
});
