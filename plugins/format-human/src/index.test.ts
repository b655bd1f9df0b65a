import { readFileSync } from 'node:fs';
import type { FormatterCapability, PluginContext } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

describe('@aqe/format-human', () => {
  it('registers the "human" formatter for every command kind', () => {
    const added: FormatterCapability[] = [];
    plugin.setup({ formatters: { add: (f: FormatterCapability) => added.push(f) } } as unknown as PluginContext);
    expect(added.map((f) => f.id)).toEqual(['human']);
    expect([...added[0]!.kinds].sort()).toEqual(['cache', 'config', 'discover', 'doctor', 'flaky', 'plugins', 'run']);
    expect(added[0]!.render({ kind: 'plugins', data: [] }, { interactive: false, cwd: process.cwd() })).toBe('No plugins loaded.\n');
    expect(typeof added[0]!.progress).toBe('function');
  });

  it('declares the name and version of its package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect([plugin.name, plugin.version]).toEqual([pkg.name, pkg.version]);
  });
});
