import { join } from 'node:path';
import type { PluginReport } from '@aqe/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, jsonData, Sandbox } from './support/aqe.js';

// The CLI's preset, in its order: formatters, the cache tiers, the runners, the MCP tools and the agents.
const builtins = [
  { name: '@aqe/format-human', source: 'builtin', status: 'active', capabilities: [{ kind: 'formatters', id: 'human' }] },
  { name: '@aqe/format-json', source: 'builtin', status: 'active', capabilities: [{ kind: 'formatters', id: 'json' }] },
  { name: '@aqe/format-ai', source: 'builtin', status: 'active', capabilities: [{ kind: 'formatters', id: 'ai' }] },
  { name: '@aqe/format-junit', source: 'builtin', status: 'active', capabilities: [{ kind: 'formatters', id: 'junit' }] },
  { name: '@aqe/format-github', source: 'builtin', status: 'active', capabilities: [{ kind: 'formatters', id: 'github' }] },
  { name: '@aqe/cache-lmdb', source: 'builtin', status: 'active', capabilities: [{ kind: 'cacheBackends', id: 'lmdb' }] },
  // The shared tiers register a backend only when AQE_REDIS_URL / AQE_S3_BUCKET is set.
  { name: '@aqe/cache-redis', source: 'builtin', status: 'active', capabilities: [] },
  { name: '@aqe/cache-s3', source: 'builtin', status: 'active', capabilities: [] },
  ...['bun', 'jest', 'node', 'playwright', 'vitest'].map((id) => ({ name: `@aqe/runner-${id}`, source: 'builtin', status: 'active', capabilities: [{ kind: 'runners', id }] })),
  { name: '@aqe/mcp-tools', source: 'builtin', status: 'active', capabilities: ['aqe_classify_failure', 'aqe_discover', 'aqe_flaky_report', 'aqe_patterns_query', 'aqe_run'].map((id) => ({ kind: 'mcpTools', id })) },
  { name: '@aqe/agents-core', source: 'builtin', status: 'active', capabilities: ['failure-classifier', 'flaky-hunter', 'pattern-query'].map((id) => ({ kind: 'agents', id })) },
];
const builtinLines = builtins.map((p) => `${p.name} active\n`).join('');

describe('aqe plugins', () => {
  let sandbox: Sandbox;
  let project: string;
  beforeAll(async () => {
    sandbox = await Sandbox.create();
    project = await sandbox.project('plain-project');
  });
  afterAll(() => sandbox.remove());

  it('lists the built-in plugins with their capabilities', async () => {
    const result = await sandbox.run(['plugins', '--format', 'json'], project);
    expect(result.code).toBe(0);
    expect(jsonData<PluginReport[]>(result, 'plugins')).toMatchObject(builtins);
  });

  it("renders through the human formatter by default (aqe overrides plugin-plugins' list)", async () => {
    const result = await sandbox.run(['plugins'], project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('@aqe/format-human');
    expect(result.stdout).toContain('formatters:json');
  });

  it('links a plain aqe package (no oclif block) and then lists it as active, source oclif', async () => {
    const linked = await sandbox.run(['plugins', 'link', join(fixturesDir, 'example-plugin'), '--no-install'], project);
    expect(linked).toMatchObject({ code: 0 });

    const result = await sandbox.run(['plugins', '--format', 'json'], project);
    expect(result.code).toBe(0);
    expect(jsonData<PluginReport[]>(result, 'plugins')).toMatchObject([...builtins, { name: 'aqe-plugin-example', version: '1.2.3', source: 'oclif', status: 'active', capabilities: [{ kind: 'formatters', id: 'example' }], problems: [] }]);
  });

  it("uses the linked plugin's formatter for --format", async () => {
    const result = await sandbox.run(['plugins', '--format', 'example'], project);
    expect(result).toMatchObject({ code: 0, stdout: `${builtinLines}aqe-plugin-example active\n` });
  });

  it('uninstalls the linked plugin', async () => {
    const removed = await sandbox.run(['plugins', 'uninstall', 'aqe-plugin-example'], project);
    expect(removed.code).toBe(0);
    const result = await sandbox.run(['plugins', '--format', 'json'], project);
    expect(jsonData<PluginReport[]>(result, 'plugins').map((p) => p.name)).toEqual(builtins.map((p) => p.name));
  });

  it('installs a plain aqe package from a file: URL, lists it, and uninstalls it', async () => {
    const installed = await sandbox.run(['plugins', 'install', `file:${join(fixturesDir, 'example-plugin')}`], project);
    expect(installed).toMatchObject({ code: 0 });
    const listed = await sandbox.run(['plugins', '--format', 'json'], project);
    expect(jsonData<PluginReport[]>(listed, 'plugins').find((p) => p.name === 'aqe-plugin-example')).toMatchObject({ source: 'oclif', status: 'active' });
    expect((await sandbox.run(['plugins', 'uninstall', 'aqe-plugin-example'], project)).code).toBe(0);
  });
});
