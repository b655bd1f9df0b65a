import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKernel } from '../kernel.js';
import { definePlugin } from '../plugin-host/define-plugin.js';
import { silentLogger, tempProject } from '../test-support/temp-project.js';
import type { RunnerCapability } from '../types/index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A runner whose rules live in a JSON config file, counting how often discover really ran. */
function jsonRunner(calls: { discover: number }, overrides: Partial<RunnerCapability> = {}): RunnerCapability {
  return {
    id: 'fake',
    async detect(project) {
      return project.files.includes('fake.json') ? { runner: 'fake', configFiles: ['fake.json'] } : null;
    },
    async discover(ctx) {
      calls.discover++;
      const { suffix } = JSON.parse((await import('node:fs')).readFileSync(join(ctx.root, 'fake.json'), 'utf8')) as { suffix: string };
      return { files: ctx.files.filter((f) => f.endsWith(suffix)), inputs: ['fake.json'] };
    },
    async version() {
      return '1.0.0';
    },
    ...overrides,
  };
}

async function project(files: Record<string, string>, runner: RunnerCapability) {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  const kernel = await createKernel({ cwd: p.dir, logger: silentLogger, plugins: [{ plugin: definePlugin({ name: 'fake-runner', version: '1.0.0', apiVersion: '^1', setup: (ctx) => ctx.runners.add(runner) }) }] });
  cleanups.push(() => kernel.dispose());
  return { ...p, kernel };
}

describe('kernel.discover', () => {
  it('lists files per detected runner and reuses the result while nothing changed', async () => {
    const calls = { discover: 0 };
    const p = await project({ 'fake.json': '{ "suffix": ".check.js" }', 'a.check.js': '', 'b.js': '' }, jsonRunner(calls));
    const cold = await p.kernel.discover();
    expect(cold).toEqual({ total: 1, runners: [{ runner: 'fake', files: ['a.check.js'], configFiles: ['fake.json'], cached: false }] });
    await p.kernel.store.flushed();
    const warm = await p.kernel.discover();
    expect(warm.runners[0]?.cached).toBe(true);
    expect(calls.discover).toBe(1);
  });

  it('re-runs discovery when a config input changes content, not when only its mtime does', async () => {
    const calls = { discover: 0 };
    const p = await project({ 'fake.json': '{ "suffix": ".check.js" }', 'a.check.js': '', 'b.spec.js': '' }, jsonRunner(calls));
    await p.kernel.discover();
    await p.kernel.store.flushed();
    writeFileSync(join(p.dir, 'fake.json'), '{ "suffix": ".check.js" }');
    expect((await p.kernel.discover()).runners[0]?.cached).toBe(true);
    writeFileSync(join(p.dir, 'fake.json'), '{ "suffix": ".spec.js" }');
    const changed = await p.kernel.discover();
    expect(changed.runners[0]).toMatchObject({ files: ['b.spec.js'], cached: false });
  });

  it('forces fresh resolution with cache: false', async () => {
    const calls = { discover: 0 };
    const p = await project({ 'fake.json': '{ "suffix": ".js" }', 'a.js': '' }, jsonRunner(calls));
    await p.kernel.discover();
    await p.kernel.store.flushed();
    await p.kernel.discover({ cache: false });
    expect(calls.discover).toBe(2);
  });

  it('lets a runner prepare its config before the walk only when discovery will resolve it', async () => {
    const calls = { discover: 0 };
    const prepared: string[] = [];
    const p = await project({ 'fake.json': '{ "suffix": ".js" }', 'a.js': '' }, jsonRunner(calls, { prepare: (root) => void prepared.push(root) }));
    await p.kernel.discover();
    await p.kernel.store.flushed();
    expect(prepared).toEqual([p.kernel.cwd]);
    await p.kernel.discover();
    expect(prepared).toHaveLength(1);
    await p.kernel.discover({ cache: false });
    expect(prepared).toHaveLength(2);
  });

  it('reports a runner whose discovery fails, with its code, and keeps going', async () => {
    const p = await project({ 'fake.json': '{}' }, jsonRunner({ discover: 0 }, { discover: () => Promise.reject(Object.assign(new Error('could not load fake.json'), { code: 'AQE_RUNNER_CONFIG_FAILED' })) }));
    const report = await p.kernel.discover();
    expect(report.runners[0]).toMatchObject({ runner: 'fake', files: [], error: { code: 'AQE_RUNNER_CONFIG_FAILED', message: 'could not load fake.json' } });
  });

  it('skips runners that detect nothing and rejects unknown runner ids', async () => {
    const p = await project({ 'other.js': '' }, jsonRunner({ discover: 0 }));
    expect(await p.kernel.discover()).toEqual({ total: 0, runners: [] });
    await expect(p.kernel.discover({ runners: ['nope'] })).rejects.toMatchObject({ code: 'AQE_RUNNER_UNKNOWN' });
  });

  it('fires discover:before and discover:after', async () => {
    const seen: string[] = [];
    const p = tempProject({ 'fake.json': '{ "suffix": ".js" }', 'x.js': '' });
    cleanups.push(p.cleanup);
    const hooks = definePlugin({
      name: 'hooks',
      version: '1.0.0',
      apiVersion: '^1',
      setup(ctx) {
        ctx.runners.add(jsonRunner({ discover: 0 }));
        ctx.on('discover:before', (e) => void seen.push(`before:${e.runners.join(',')}`));
        ctx.on('discover:after', (e) => void seen.push(`after:${e.runners.map((r) => `${r.runner}=${r.files.length}`).join(',')}`));
      },
    });
    const kernel = await createKernel({ cwd: p.dir, logger: silentLogger, plugins: [{ plugin: hooks }] });
    cleanups.push(() => kernel.dispose());
    await kernel.discover();
    expect(seen).toEqual(['before:fake', 'after:fake=1']);
  });
});
