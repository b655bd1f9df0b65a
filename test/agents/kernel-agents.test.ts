import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgentPoolInit, createKernel, definePlugin, type Kernel } from '@aqe/kernel';
import { createAgentPool } from '@aqe/workers';
import { afterEach, describe, expect, it } from 'vitest';

const agentsDir = fileURLToPath(new URL('../fixtures/agents/', import.meta.url));

/** A plugin that adds fixture agents, as agents-core adds its own. */
const fixtureAgents = definePlugin({
  name: 'fixture-agents',
  version: '1.0.0',
  apiVersion: '^1',
  setup(ctx) {
    for (const id of ['echo', 'store-reader', 'store-writer', 'throws']) ctx.agents.add({ id, module: join(agentsDir, `${id}.mjs`), version: '1.0.0' });
  },
});

describe('kernel.agents', () => {
  let dir: string;
  let kernel: Kernel | undefined;
  afterEach(async () => {
    await kernel?.dispose();
    kernel = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(options: { prewarmAgents?: boolean; pool?: boolean } = {}) {
    dir = mkdtempSync(join(tmpdir(), 'aqe-kernel-agents-'));
    const inits: AgentPoolInit[] = [];
    const agentPool = (init: AgentPoolInit) => {
      inits.push(init);
      return createAgentPool(init);
    };
    kernel = await createKernel({
      cwd: dir,
      config: { agents: { minThreads: 1, maxThreads: 2 } },
      plugins: [{ plugin: fixtureAgents }],
      ...(options.pool === false ? {} : { agentPool }),
      ...(options.prewarmAgents ? { prewarmAgents: true } : {}),
    });
    return { kernel, inits };
  }

  it('lists the agents plugins registered, sorted', async () => {
    const { kernel } = await open();
    expect(kernel.agents.list()).toEqual(['echo', 'store-reader', 'store-writer', 'throws']);
  });

  it('runs an agent through the pool, created on first use with the store path and config settings', async () => {
    const { kernel, inits } = await open();
    expect(inits).toEqual([]);
    const progress: number[] = [];
    await expect(kernel.agents.run('echo', 'hi', { onProgress: (done) => progress.push(done) })).resolves.toMatchObject({ input: 'hi' });
    expect(progress).toEqual([1, 2]);
    await kernel.agents.run('echo', 'again');
    expect(inits).toHaveLength(1);
    expect(inits[0]).toMatchObject({ storePath: kernel.store.path, settings: { minThreads: 1, maxThreads: 2, taskTimeoutMs: 60_000 } });
    expect(inits[0]!.agents.map((a) => a.id)).toEqual(['echo', 'store-reader', 'store-writer', 'throws']);
  });

  it('with prewarmAgents the pool starts with the kernel', async () => {
    const { inits } = await open({ prewarmAgents: true });
    expect(inits).toHaveLength(1);
  });

  it('what an agent writes in its worker, the kernel reads from its store', async () => {
    const { kernel } = await open();
    await kernel.agents.run('store-writer', { key: 'sig:1', value: { seen: 3 } });
    expect(kernel.store.db('patterns').get('sig:1')).toEqual({ seen: 3 });
  });

  it("kernel and agents see each other's writes at once, task after task", async () => {
    const { kernel } = await open();
    const db = kernel.store.db<{ v: number }>('patterns');
    for (const v of [1, 2, 3]) {
      db.get('mine');
      await db.put('mine', { v });
      await expect(kernel.agents.run('store-reader', { key: 'mine' })).resolves.toEqual({ v });
      await kernel.agents.run('store-writer', { key: 'theirs', value: { v } });
      expect(db.get('theirs')).toEqual({ v });
    }
  });

  it('an unknown agent is AQE_AGENT_UNKNOWN before any pool starts', async () => {
    const { kernel, inits } = await open();
    await expect(kernel.agents.run('nope', {})).rejects.toMatchObject({ code: 'AQE_AGENT_UNKNOWN', message: expect.stringMatching(/registered: echo, store-reader, store-writer, throws/) });
    expect(inits).toEqual([]);
  });

  it('without a pool factory, AQE_AGENT_POOL_MISSING', async () => {
    const { kernel } = await open({ pool: false });
    await expect(kernel.agents.run('echo', {})).rejects.toMatchObject({ code: 'AQE_AGENT_POOL_MISSING' });
  });

  it('after dispose, AQE_KERNEL_DISPOSED', async () => {
    const { kernel: k } = await open();
    await k.agents.run('echo', 1);
    await k.dispose();
    await expect(k.agents.run('echo', 1)).rejects.toMatchObject({ code: 'AQE_KERNEL_DISPOSED' });
  });
});
