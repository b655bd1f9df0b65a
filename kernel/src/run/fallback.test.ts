import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKernel } from '../kernel.js';
import { definePlugin } from '../plugin-host/define-plugin.js';
import { silentLogger, tempProject } from '../test-support/temp-project.js';
import type { RunnerCapability, RunTestsOptions, TestFileResult } from '../types/index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * Two runners over `*.check.js`: `base` runs every file (it fails when the content says
 * "fail"); `fast` accelerates it but cannot load a file that says "base-only", and dies as a
 * whole process (every file left without results) on one that says "exit".
 */
function runner(id: 'base' | 'fast', calls: string[][], extra: Partial<RunnerCapability> = {}): RunnerCapability {
  return {
    id,
    detect: async (p) => (id === 'base' && p.files.some((f) => f.endsWith('.check.js')) ? { runner: id, configFiles: [] } : null),
    discover: async (ctx) => ({ files: ctx.files.filter((f) => f.endsWith('.check.js')), inputs: [] }),
    version: async () => '1.0.0',
    async run(files, options) {
      calls.push([id, options.detection.runner, ...files]);
      const sources = files.map((file) => readFileSync(join(options.root, file), 'utf8'));
      const crashed = id === 'fast' && sources.some((s) => s.includes('exit'));
      const out: TestFileResult[] = files.map((file, i) => {
        if (crashed) return { file, runner: id, status: 'failed', durationMs: 0, tests: [], error: { message: 'fast exited with code 7 before reporting this file' } };
        if (id === 'fast' && sources[i]!.includes('base-only')) return { file, runner: id, status: 'failed', durationMs: 0, tests: [], error: { message: 'TypeError: jest.requireActual is not a function' } };
        const failing = sources[i]!.includes('fail');
        return { file, runner: id, status: failing ? 'failed' : 'passed', durationMs: 1, tests: [{ id: `${file} > t`, file, titlePath: ['t'], status: failing ? 'failed' : 'passed', durationMs: 1, retries: 0 }] };
      });
      for (const result of out) {
        options.onFileStart?.(result.file);
        for (const test of result.tests) options.onTestResult?.(test);
        options.onFileResult?.(result);
      }
      return { files: out, summary: { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 0 } };
    },
    ...extra,
  };
}

async function setup(files: Record<string, string>, fast: Partial<RunnerCapability> = {}) {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  const calls: string[][] = [];
  const events: string[] = [];
  const plugin = definePlugin({
    name: 'fallback-runners',
    version: '1.0.0',
    apiVersion: '^1',
    setup(ctx) {
      ctx.runners.add(runner('base', calls));
      ctx.runners.add(runner('fast', calls, { accelerates: { runner: 'base' }, ...fast }));
      ctx.on('file:result', (e) => void events.push(`${e.file.file} ${e.file.runner}${e.file.fallbackFrom ? ` from ${e.file.fallbackFrom}` : ''}`));
    },
  });
  // One kernel per run, disposed after it, as one `aqe run` after another.
  const run = async (options: RunTestsOptions = {}) => {
    const kernel = await createKernel({ cwd: p.dir, logger: silentLogger, plugins: [{ plugin }], config: { cache: { enabled: false } } });
    try {
      return await kernel.run(options);
    } finally {
      await kernel.dispose();
    }
  };
  return { dir: p.dir, calls, events, run };
}

const brief = (files: TestFileResult[]) => files.map((f) => [f.file, f.runner, f.status, f.fallbackFrom ?? '-']);
const FILES = { 'a.check.js': 'ok', 'b.check.js': 'base-only', 'c.check.js': 'fail' };

describe('accelerated runs with per-file fallback', () => {
  it('runs the accelerated runner’s files in the accelerator and re-runs those it cannot load, in the same run', async () => {
    const { calls, events, run } = await setup(FILES);
    const result = await run({ runners: ['fast'] });
    expect(brief(result.files)).toEqual([
      ['a.check.js', 'fast', 'passed', '-'],
      ['b.check.js', 'base', 'passed', 'fast'],
      ['c.check.js', 'fast', 'failed', '-'],
    ]);
    // The accelerator gets the accelerated runner's detection; the load failure never reaches the hooks.
    expect(calls).toEqual([
      ['fast', 'base', 'a.check.js', 'b.check.js', 'c.check.js'],
      ['base', 'base', 'b.check.js'],
    ]);
    expect(events).toEqual(['a.check.js fast', 'c.check.js fast', 'b.check.js base from fast']);
    expect(result.summary).toMatchObject({ files: 3, passed: 2, failed: 1 });
    expect(result.notices).toEqual([expect.stringContaining('base ran 1 of 3 file(s) fast was to run: 1 did not load in fast this run')]);
  });

  it('remembers a file that did not load and sends it straight to the fallback until its content changes', async () => {
    const { dir, calls, run } = await setup(FILES);
    await run({ runners: ['fast'] });
    calls.length = 0;
    const second = await run({ runners: ['fast'] });
    expect(calls).toEqual([
      ['fast', 'base', 'a.check.js', 'c.check.js'],
      ['base', 'base', 'b.check.js'],
    ]);
    expect(second.files.find((f) => f.file === 'b.check.js')).toMatchObject({ runner: 'base', fallbackFrom: 'fast' });
    expect(second.notices).toEqual([expect.stringContaining('1 had not loaded in fast before and are unchanged')]);
    writeFileSync(join(dir, 'b.check.js'), 'ok now');
    calls.length = 0;
    const third = await run({ runners: ['fast'] });
    expect(calls).toEqual([['fast', 'base', 'a.check.js', 'b.check.js', 'c.check.js']]);
    expect(third.files.find((f) => f.file === 'b.check.js')).toMatchObject({ runner: 'fast', status: 'passed' });
    expect(third.notices).toBeUndefined();
  });

  it('re-runs every file when the accelerator dies as a whole, without remembering them', async () => {
    const { calls, run } = await setup({ 'a.check.js': 'ok', 'b.check.js': 'exit' });
    const first = await run({ runners: ['fast'] });
    expect(brief(first.files)).toEqual([
      ['a.check.js', 'base', 'passed', 'fast'],
      ['b.check.js', 'base', 'passed', 'fast'],
    ]);
    calls.length = 0;
    await run({ runners: ['fast'] });
    expect(calls[0]).toEqual(['fast', 'base', 'a.check.js', 'b.check.js']);
  });

  it('runs everything in the fallback and says so once when the accelerator is unavailable', async () => {
    const { calls, run } = await setup(FILES, { unavailable: async () => 'fast is not installed' });
    const result = await run({ runners: ['fast'] });
    expect(calls).toEqual([['base', 'base', 'a.check.js', 'b.check.js', 'c.check.js']]);
    expect(brief(result.files).map((f) => f[1])).toEqual(['base', 'base', 'base']);
    expect(result.notices).toEqual(['fast is not installed: base ran all 3 file(s) instead of fast']);
  });

  it('accelerates only when asked: by id, or always unless the accelerated runner is asked for by id', async () => {
    const plain = await setup(FILES);
    expect(brief((await plain.run()).files).map((f) => f[1])).toEqual(['base', 'base', 'base']);
    const always = await setup(FILES, { accelerates: { runner: 'base', always: true } });
    expect(brief((await always.run()).files).map((f) => f[1])).toEqual(['fast', 'base', 'fast']);
    expect(brief((await always.run({ runners: ['base'] })).files).map((f) => f[1])).toEqual(['base', 'base', 'base']);
  });

  it('leaves the accelerated runner alone when the accelerator, asked for by id, has files of its own', async () => {
    const { calls, run } = await setup({ ...FILES, 'native.fast.js': '' }, { detect: async () => ({ runner: 'fast', configFiles: [] }), discover: async () => ({ files: ['native.fast.js'], inputs: [] }) });
    const result = await run({ runners: ['fast'] });
    expect(calls).toEqual([['fast', 'fast', 'native.fast.js']]);
    expect(result.files.map((f) => f.file)).toEqual(['native.fast.js']);
  });
});
