import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '@aqe/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, Sandbox } from './support/aqe.js';

describe('aqe config and usage errors', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await Sandbox.create();
  });
  afterAll(() => sandbox.remove());

  it('prints the defaults when the project has no config', async () => {
    const result = await sandbox.run(['config', '--format', 'json'], await sandbox.project('plain-project'));
    expect(result.code).toBe(0);
    expect(jsonData<ResolvedConfig>(result, 'config')).toEqual({
      plugins: [],
      strict: false,
      hookTimeoutMs: 10_000,
      storeDir: '.aqe/store',
      discoverInstalled: true,
      disable: [],
      agents: { minThreads: 1, maxThreads: 4, idleTimeoutMs: 30_000, taskTimeoutMs: 60_000, maxOldGenerationSizeMb: 256 },
      cache: { enabled: true, env: ['NODE_ENV', 'TZ'], timeoutMs: 2000 },
      source: null,
    });
  });

  it('prints the resolved config file, in human form by default', async () => {
    const project = await sandbox.project('invalid-plugins');
    const json = await sandbox.run(['config', '--format', 'json'], project);
    expect(jsonData<ResolvedConfig>(json, 'config')).toMatchObject({ source: 'aqe.config.json', hookTimeoutMs: 200, strict: false, plugins: expect.arrayContaining([{ spec: './plugins/healthy', options: {} }]) });
    const human = await sandbox.run(['config'], project);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('hookTimeoutMs');
    expect(human.stdout).toContain('./plugins/hanging-hook');
  });

  it('--cwd points at another project', async () => {
    const project = await sandbox.project('invalid-plugins');
    const result = await sandbox.run(['config', '--cwd', project, '--format', 'json'], sandbox.dir);
    expect(jsonData<ResolvedConfig>(result, 'config').hookTimeoutMs).toBe(200);
  });

  it('shows "strict": true from the config although the command itself never fails fast', async () => {
    const project = await sandbox.project('invalid-plugins');
    const file = join(project, 'aqe.strict.json');
    await writeFile(file, JSON.stringify({ strict: true, plugins: ['./plugins/throwing-setup'] }));
    const result = await sandbox.run(['config', '--config', file, '--format', 'json'], project);
    expect(result.code).toBe(0);
    expect(jsonData<ResolvedConfig>(result, 'config')).toMatchObject({ strict: true, source: 'aqe.strict.json' });
  });

  it('exits 2 naming the key path for a malformed config', async () => {
    const result = await sandbox.run(['config'], await sandbox.project('malformed-config'));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('plugins[1]');
    expect(result.stderr).toContain('AQE_CONFIG_INVALID');
  });

  it('exits 2 when --config names a missing file', async () => {
    const result = await sandbox.run(['doctor', '--config', 'nope.json'], await sandbox.project('plain-project'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AQE_CONFIG_NOT_FOUND');
  });

  it('exits 2 when --cwd is not a directory', async () => {
    const result = await sandbox.run(['config', '--cwd', join(sandbox.dir, 'missing')], sandbox.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--cwd');
  });

  it('exits 2 for an unknown formatter, naming the ones available', async () => {
    const result = await sandbox.run(['plugins', '--format', 'yaml'], await sandbox.project('plain-project'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"yaml"');
    expect(result.stderr).toContain('human, json');
  });
});
