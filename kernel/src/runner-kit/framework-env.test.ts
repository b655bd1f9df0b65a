import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frameworkEnv } from './framework-env.js';
import { unsupportedVersion } from './framework-version.js';

const root = mkdtempSync(join(tmpdir(), 'aqe-env-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('frameworkEnv', () => {
  it("puts the package's and every ancestor's node_modules/.bin first on PATH, as npm test does, and drops a parent runner's worker variables", () => {
    const pkg = join(root, 'packages', 'web');
    mkdirSync(join(pkg, 'node_modules', '.bin'), { recursive: true });
    mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
    const env = frameworkEnv(pkg, { base: { PATH: '/usr/bin', VITEST_WORKER_ID: '3', KEEP: '1' }, packageJson: { name: 'web', version: '1.2.3' } });
    expect(env.PATH!.split(delimiter)).toEqual([join(pkg, 'node_modules', '.bin'), join(root, 'node_modules', '.bin'), '/usr/bin']);
    expect(env).toMatchObject({ KEEP: '1', npm_package_name: 'web', npm_package_version: '1.2.3' });
    expect(env.VITEST_WORKER_ID).toBeUndefined();
  });
});

describe('unsupportedVersion', () => {
  it('is one error naming the version, the range and the fix outside the range, nothing inside it', () => {
    const support = { package: 'jest', range: '>=22 <31' };
    expect(unsupportedVersion('jest', support, '29.7.0')).toBeUndefined();
    const error = unsupportedVersion('jest', support, '21.2.1')!;
    expect(error.code).toBe('AQE_RUNNER_VERSION_UNSUPPORTED');
    expect(error.message).toContain('jest 21.2.1 is installed');
    expect(error.message).toContain('>=22 <31');
  });
});
