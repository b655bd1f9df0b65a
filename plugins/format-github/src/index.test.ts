import { readFileSync } from 'node:fs';
import type { FormatterCapability, FormatterInput, PluginContext } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

function formatter(): FormatterCapability {
  const added: FormatterCapability[] = [];
  plugin.setup({ formatters: { add: (f: FormatterCapability) => added.push(f) } } as unknown as PluginContext);
  expect(added).toHaveLength(1);
  return added[0]!;
}

describe('@aqe/format-github', () => {
  it('registers the "github" formatter for run output only, never coloured', () => {
    const github = formatter();
    expect([github.id, github.kinds, github.progress]).toEqual(['github', ['run'], undefined]);
    const empty = { kind: 'run', data: { files: [], summary: { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 0 } } } satisfies FormatterInput;
    expect(github.render(empty, { interactive: true, cwd: '/' })).toBe(github.render(empty, { interactive: false, cwd: '/' }));
  });

  it('refuses other kinds by name', () => {
    expect(() => formatter().render({ kind: 'doctor', data: {} } as FormatterInput, { interactive: false, cwd: '/' })).toThrow('cannot render kind "doctor"');
  });

  it('declares the name and version of its package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect([plugin.name, plugin.version]).toEqual([pkg.name, pkg.version]);
  });
});
