import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKernel } from '../kernel.js';
import { definePlugin } from '../plugin-host/define-plugin.js';
import { silentLogger, tempProject } from '../test-support/temp-project.js';
import type { AgentPoolFactory, FailureClassification, RunnerCapability, TestFileResult } from '../types/index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** One test per `*.check.js` file, failing when the file says so. */
const runner: RunnerCapability = {
  id: 'check',
  detect: async () => ({ runner: 'check', configFiles: [] }),
  discover: async (ctx) => ({ files: ctx.files.filter((f) => f.endsWith('.check.js')), inputs: [] }),
  version: async () => '1.0.0',
  async run(files, options) {
    const { readFileSync } = await import('node:fs');
    const out: TestFileResult[] = files.map((file) => {
      const failing = readFileSync(`${options.root}/${file}`, 'utf8').includes('fail');
      return {
        file,
        runner: 'check',
        status: failing ? 'failed' : 'passed',
        durationMs: 1,
        tests: [{ id: `${file} > works`, file, titlePath: ['works'], status: failing ? 'failed' : 'passed', durationMs: 1, retries: 0, ...(failing ? { error: { message: 'expected 1 to be 2' } } : {}) }],
      };
    });
    return { files: out, summary: { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 0 } };
  },
};

const classification = (testId: string): FailureClassification => ({
  testId,
  file: testId.split(' > ')[0]!,
  class: 'regression',
  confidence: 0.64,
  signature: '0123456789abcdef',
  reason: 'An assertion failed.',
  action: 'fix_test_failures',
});

/** A pool that runs the one agent in-process: what the kernel does with its answer is under test, not the pool. */
function poolOf(run: (agent: string, input: unknown) => Promise<unknown>, calls: string[] = []): AgentPoolFactory {
  return () => ({
    threads: 0,
    destroy: async () => {},
    run: async <Output>(agent: string, input: unknown) => {
      calls.push(agent);
      return (await run(agent, input)) as Output;
    },
  });
}

async function kernelWith(files: Record<string, string>, agentPool: AgentPoolFactory, agents = ['failure-classifier']) {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  const plugin = definePlugin({
    name: 'check-and-classify',
    version: '1.0.0',
    apiVersion: '^1',
    setup(ctx) {
      ctx.runners.add(runner);
      for (const id of agents) ctx.agents.add({ id, module: 'file:///nowhere.js', version: '1.0.0' });
    },
  });
  const kernel = await createKernel({ cwd: p.dir, logger: silentLogger, plugins: [{ plugin }], agentPool });
  cleanups.push(() => kernel.dispose());
  return kernel;
}

describe('failure classification after a run', () => {
  it('sets the classifications the failure-classifier returns, given the result and the project root', async () => {
    let seen: { result: { summary: { failed: number } }; root: string } | undefined;
    const kernel = await kernelWith(
      { 'a.check.js': 'fail', 'b.check.js': 'ok' },
      poolOf(async (_agent, input) => {
        seen = input as typeof seen;
        return [classification('a.check.js > works')];
      }),
    );
    const result = await kernel.run();
    expect(result.classifications).toEqual([classification('a.check.js > works')]);
    expect(seen?.result.summary.failed).toBe(1);
    expect(seen?.root).toBe(kernel.cwd);
  });

  it('still reports the run, with a notice, when the agent fails', async () => {
    const kernel = await kernelWith(
      { 'a.check.js': 'fail' },
      poolOf(async () => {
        throw new Error('worker crashed');
      }),
    );
    const result = await kernel.run();
    expect(result.summary.failed).toBe(1);
    expect(result.classifications).toBeUndefined();
    expect(result.notices).toEqual(['Failures are not classified: the failure-classifier agent failed (worker crashed).']);
  });

  it('does not call the agent when nothing failed, or when no plugin registered it', async () => {
    const calls: string[] = [];
    const green = await kernelWith(
      { 'a.check.js': 'ok' },
      poolOf(async () => [], calls),
    );
    expect((await green.run()).classifications).toBeUndefined();
    const without = await kernelWith(
      { 'a.check.js': 'fail' },
      poolOf(async () => [], calls),
      ['other-agent'],
    );
    const result = await without.run();
    expect(result.classifications).toBeUndefined();
    expect(result.notices).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('calls the agent on a green run when a test that failed last time passed, so it can learn what fixed it', async () => {
    const calls: string[] = [];
    const kernel = await kernelWith(
      { 'a.check.js': 'fail' },
      poolOf(async () => [], calls),
    );
    await kernel.run();
    writeFileSync(join(kernel.cwd, 'a.check.js'), 'ok');
    const green = await kernel.run();
    expect(calls).toEqual(['failure-classifier', 'failure-classifier']);
    expect(green.classifications).toBeUndefined();
    await kernel.run();
    expect(calls).toHaveLength(2);
  });
});
