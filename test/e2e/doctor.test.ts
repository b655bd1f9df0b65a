import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DoctorReport } from '@aqe/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonData, Sandbox } from './support/aqe.js';

/** test/fixtures/invalid-plugins: each broken plugin and the problem code that must name it. */
const broken = [
  { name: 'fixture-bad-api-version', status: 'invalid', code: 'AQE_PLUGIN_API_MISMATCH' },
  { name: 'fixture-missing-setup', status: 'invalid', code: 'AQE_PLUGIN_INVALID' },
  { name: 'fixture-duplicate-formatter', status: 'failed', code: 'AQE_PLUGIN_DUPLICATE_CAPABILITY' },
  { name: 'fixture-throwing-setup', status: 'failed', code: 'AQE_PLUGIN_SETUP_FAILED' },
  { name: 'fixture-hanging-hook', status: 'failed', code: 'AQE_PLUGIN_HOOK_TIMEOUT' },
];

describe('aqe doctor', () => {
  let sandbox: Sandbox;
  let project: string;
  beforeAll(async () => {
    sandbox = await Sandbox.create();
    project = await sandbox.project('invalid-plugins');
  });
  afterAll(() => sandbox.remove());

  it('reports every broken plugin with its own problem, and exits 0', async () => {
    const result = await sandbox.run(['doctor', '--format', 'json'], project);
    expect(result.code).toBe(0);
    const report = jsonData<DoctorReport>(result, 'doctor');
    expect(report.ok).toBe(false);
    expect(report.node).toMatchObject({ version: process.version, ok: true });
    expect(report.store.ok).toBe(true);
    expect(report.frameworks).toEqual([]);
    expect(report.plugins.find((p) => p.name === 'fixture-healthy')).toMatchObject({ status: 'active', capabilities: [{ kind: 'formatters', id: 'table' }] });
    for (const { name, status, code } of broken) {
      const plugin = report.plugins.find((p) => p.name === name);
      expect(plugin, name).toMatchObject({ status, source: 'config' });
      expect(plugin?.problems.map((p) => p.code)).toContain(code);
    }
    const messages = broken.map(({ name }) => report.plugins.find((p) => p.name === name)?.problems[0]?.message);
    expect(new Set(messages).size).toBe(broken.length);
  });

  it('names each broken plugin and its problem in human output', async () => {
    const result = await sandbox.run(['doctor'], project);
    expect(result.code).toBe(0);
    for (const { name, code } of broken) {
      expect(result.stdout).toContain(name);
      expect(result.stdout).toContain(code);
    }
  });

  it('exits 1 with --strict, still reporting every plugin', async () => {
    const result = await sandbox.run(['doctor', '--strict', '--format', 'json'], project);
    expect(result.code).toBe(1);
    const names = jsonData<DoctorReport>(result, 'doctor').plugins.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(broken.map((b) => b.name)));
  });

  it('exits 1 when the config sets "strict": true', async () => {
    const file = join(project, 'aqe.config.json');
    const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const strictFile = join(project, 'aqe.strict.json');
    await writeFile(strictFile, JSON.stringify({ ...config, strict: true }));
    const result = await sandbox.run(['doctor', '--config', strictFile], project);
    expect(result.code).toBe(1);
    for (const { name } of broken) expect(result.stdout).toContain(name);
  });

  it('exits 0 and reports ok for a project with only the built-ins', async () => {
    const plain = await sandbox.project('plain-project');
    const result = await sandbox.run(['doctor', '--strict', '--format', 'json'], plain);
    expect(result.code).toBe(0);
    expect(jsonData<DoctorReport>(result, 'doctor').ok).toBe(true);
  });
});
