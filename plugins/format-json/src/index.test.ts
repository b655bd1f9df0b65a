import { readFileSync } from 'node:fs';
import type { FormatterCapability, FormatterInput, PluginContext, RunResult } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

function setUp(): FormatterCapability[] {
  const formatters: FormatterCapability[] = [];
  plugin.setup({ formatters: { add: (f: FormatterCapability) => formatters.push(f) } } as unknown as PluginContext);
  return formatters;
}

const run: RunResult = {
  files: [
    {
      file: 'src/a.test.ts',
      runner: 'vitest',
      status: 'failed',
      durationMs: 12,
      tests: [{ id: 'src/a.test.ts > adds', file: 'src/a.test.ts', titlePath: ['adds'], status: 'failed', durationMs: 3, retries: 0, error: { message: 'expected 2 to be 3', expected: '3', actual: '2' } }],
    },
  ],
  summary: { files: 1, tests: 1, passed: 0, failed: 1, skipped: 0, todo: 0, durationMs: 12 },
};

const inputs: FormatterInput[] = [
  { kind: 'run', data: run },
  { kind: 'plugins', data: [{ name: 'p', version: '1.0.0', source: 'config', from: './p', status: 'active', capabilities: [{ kind: 'formatters', id: 'x' }], problems: [] }] },
  { kind: 'doctor', data: { node: { version: 'v20.19.0', ok: true, required: '>=20.19.0' }, store: { path: '.aqe/store', ok: true, drops: 0 }, plugins: [], frameworks: [{ runner: 'vitest', configFiles: [] }], ok: true } },
  { kind: 'config', data: { strict: false, plugins: [] } },
  { kind: 'discover', data: { runners: [{ runner: 'vitest', files: ['b.test.ts', 'a.test.ts'], configFiles: ['vitest.config.ts'], cached: false }], total: 2 } },
];

describe('@aqe/format-json', () => {
  it('registers one formatter "json" for every input kind', () => {
    const [formatter, ...rest] = setUp();
    expect(rest).toHaveLength(0);
    expect(formatter?.id).toBe('json');
    expect([...(formatter?.kinds ?? [])].sort()).toEqual(['cache', 'config', 'discover', 'doctor', 'flaky', 'plugins', 'run']);
  });

  it('declares the version of its package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect([plugin.name, plugin.version]).toEqual([pkg.name, pkg.version]);
  });

  it.each(inputs.map((input) => [input.kind, input] as const))('renders %s in the { schemaVersion, kind, data } envelope', (kind, input) => {
    const formatter = setUp()[0]!;
    const text = formatter.render(input, { interactive: false, cwd: '/project' });
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({ schemaVersion: 1, kind, data: input.data });
    // Byte-identical for identical input, and colour never applies.
    expect(formatter.render(structuredClone(input), { interactive: true, cwd: '/project' })).toBe(text);
  });

  it('writes the envelope keys sorted, like every other object', () => {
    const text = setUp()[0]!.render({ kind: 'config', data: { b: 1, a: 2 } }, { interactive: false, cwd: '/project' });
    expect(text).toBe('{\n  "data": {\n    "a": 2,\n    "b": 1\n  },\n  "kind": "config",\n  "schemaVersion": 1\n}\n');
  });

  it('keeps arrays in the order given (discovery order is meaningful)', () => {
    const text = setUp()[0]!.render(inputs[4]!, { interactive: false, cwd: '/project' });
    expect((JSON.parse(text) as { data: { runners: { files: string[] }[] } }).data.runners[0]?.files).toEqual(['b.test.ts', 'a.test.ts']);
  });
});
