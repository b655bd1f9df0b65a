import { afterEach, describe, expect, it } from 'vitest';
import { createKernel } from '../kernel.js';
import { definePlugin } from '../plugin-host/define-plugin.js';
import { silentLogger, tempProject } from '../test-support/temp-project.js';
import type { RunnerCapability, TestCase, TestFileResult } from '../types/index.js';
import type { TestOutcome } from './history.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A runner over `*.check.js` files: a file passes unless its content says "fail"; it streams like a real one. */
function checkRunner(overrides: Partial<RunnerCapability> = {}): RunnerCapability {
  return {
    id: 'check',
    detect: async (p) => (p.files.some((f) => f.endsWith('.check.js')) ? { runner: 'check', configFiles: [] } : null),
    discover: async (ctx) => ({ files: ctx.files.filter((f) => f.endsWith('.check.js')), inputs: [] }),
    version: async () => '1.0.0',
    async run(files, options) {
      const { readFileSync } = await import('node:fs');
      const out: TestFileResult[] = [];
      for (const file of files) {
        options.onFileStart?.(file);
        const failing = readFileSync(`${options.root}/${file}`, 'utf8').includes('fail');
        const test: TestCase = {
          id: `${file} > works`,
          file,
          titlePath: ['works'],
          status: failing ? 'failed' : 'passed',
          durationMs: 5,
          retries: 0,
          ...(failing ? { error: { message: 'expected 1 to be 2', expected: '2', actual: '1' } } : {}),
        };
        if (options.testNamePattern && !new RegExp(options.testNamePattern).test('works')) continue;
        options.onTestResult?.(test);
        const result: TestFileResult = { file, runner: 'check', status: failing ? 'failed' : 'passed', durationMs: 5, tests: [test] };
        options.onFileResult?.(result);
        out.push(result);
        if (failing && options.bail) break;
      }
      return { files: out, summary: { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 0 } };
    },
    ...overrides,
  };
}

async function kernelFor(files: Record<string, string>, runner: RunnerCapability, events: string[] = []) {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  const plugin = definePlugin({
    name: 'check-runner',
    version: '1.0.0',
    apiVersion: '^1',
    setup(ctx) {
      ctx.runners.add(runner);
      ctx.on('run:before', (e) => void events.push(`run:before ${e.files.join(',')}`));
      ctx.on('file:start', (e) => void events.push(`file:start ${e.file}`));
      ctx.on('test:result', (e) => void events.push(`test:result ${e.test.id} ${e.test.status}`));
      ctx.on('file:result', (e) => void events.push(`file:result ${e.file.file}`));
      ctx.on('run:after', (e) => void events.push(`run:after ${e.result.summary.failed}`));
    },
  });
  const kernel = await createKernel({ cwd: p.dir, logger: silentLogger, plugins: [{ plugin }] });
  cleanups.push(() => kernel.dispose());
  return kernel;
}

describe('kernel.run', () => {
  it("passes a runner's own notices on to the run's, once each", async () => {
    const runner = checkRunner();
    const run = runner.run!;
    const k = await kernelFor({ 'a.check.js': 'ok' }, { ...runner, run: async (files, options) => ({ ...(await run(files, options)), notices: ['retries need jest-circus', 'retries need jest-circus'] }) });
    expect((await k.run()).notices).toEqual(['retries need jest-circus']);
  });

  it('calls the sequential hooks one at a time, in event order, even when a handler is slow', async () => {
    const p = tempProject({ 'a.check.js': 'ok', 'b.check.js': 'ok' });
    cleanups.push(p.cleanup);
    const log: string[] = [];
    let open = 0;
    const slow = (name: string) => async (e: { file?: unknown; test?: { id: string } }) => {
      open++;
      log.push(`${name} ${e.test?.id ?? (typeof e.file === 'string' ? e.file : (e.file as TestFileResult).file)}${open > 1 ? ' OVERLAP' : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      open--;
    };
    const plugin = definePlugin({
      name: 'slow-hooks',
      version: '1.0.0',
      apiVersion: '^1',
      setup(ctx) {
        ctx.runners.add(checkRunner());
        ctx.on('file:start', slow('start'));
        ctx.on('test:result', slow('test'));
        ctx.on('file:result', slow('file'));
      },
    });
    const kernel = await createKernel({ cwd: p.dir, logger: silentLogger, plugins: [{ plugin }] });
    cleanups.push(() => kernel.dispose());
    await kernel.run();
    expect(log).toEqual(['start a.check.js', 'test a.check.js > works', 'file a.check.js', 'start b.check.js', 'test b.check.js > works', 'file b.check.js']);
  });

  it('runs discovered files, streams the hooks in order and summarises', async () => {
    const events: string[] = [];
    const k = await kernelFor({ 'a.check.js': 'ok', 'b.check.js': 'fail' }, checkRunner(), events);
    const result = await k.run();
    expect(result.summary).toMatchObject({ files: 2, tests: 2, passed: 1, failed: 1 });
    expect(events).toEqual([
      'run:before a.check.js,b.check.js',
      'file:start a.check.js',
      'test:result a.check.js > works passed',
      'file:result a.check.js',
      'file:start b.check.js',
      'test:result b.check.js > works failed',
      'file:result b.check.js',
      'run:after 1',
    ]);
  });

  it('appends every outcome to the history with the file content hash', async () => {
    const k = await kernelFor({ 'a.check.js': 'ok' }, checkRunner());
    await k.run();
    await k.run();
    await k.store.flushed();
    const history = k.store.db<TestOutcome[]>('history').get('test:a.check.js > works');
    expect(history).toHaveLength(2);
    expect(history![0]).toMatchObject({ status: 'passed', durationMs: 5, retries: 0, hash: expect.stringMatching(/^[0-9a-f]{40}$/) });
  });

  it('narrows to paths, passes -t, and bails after the first failing file', async () => {
    const k = await kernelFor({ 'x/a.check.js': 'fail', 'x/b.check.js': 'ok', 'y/c.check.js': 'ok' }, checkRunner());
    expect((await k.run({ paths: ['x'] })).files.map((f) => f.file)).toEqual(['x/a.check.js', 'x/b.check.js']);
    expect((await k.run({ testNamePattern: 'nothing' })).summary.tests).toBe(0);
    expect((await k.run({ bail: true })).files.map((f) => f.file)).toEqual(['x/a.check.js']);
  });

  it('gives each shard a disjoint part', async () => {
    const k = await kernelFor({ 'a.check.js': '', 'b.check.js': '', 'c.check.js': '', 'd.check.js': '' }, checkRunner());
    const parts = [];
    for (const index of [1, 2]) parts.push((await k.run({ shard: { index, count: 2 } })).files.map((f) => f.file));
    expect(parts.flat().sort()).toEqual(['a.check.js', 'b.check.js', 'c.check.js', 'd.check.js']);
    expect(parts[0]).toHaveLength(2);
  });

  it('fails only its own files when a runner throws or cannot run', async () => {
    const crashing = await kernelFor({ 'a.check.js': '' }, checkRunner({ run: () => Promise.reject(new Error('segfault')) }));
    const r1 = await crashing.run();
    expect(r1.files).toEqual([expect.objectContaining({ file: 'a.check.js', status: 'failed', error: { message: expect.stringContaining('segfault') } })]);
    const { run: _run, ...discoverOnly } = checkRunner();
    const k2 = await kernelFor({ 'a.check.js': '' }, discoverOnly as RunnerCapability);
    expect((await k2.run()).files[0]?.error?.message).toContain('not run them yet');
  });
});
