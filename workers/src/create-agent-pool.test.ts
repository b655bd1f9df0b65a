import { AgentError } from '@aqe/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { type PoolFixture, poolFixture } from './test-support/pool-fixture.js';

describe('agent pool: running agents', () => {
  let fixture: PoolFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('runs an agent in a worker thread and returns its output', async () => {
    fixture = await poolFixture(['echo']);
    const output = await fixture.pool.run<{ input: unknown; threadId: number; agent: unknown }>('echo', { n: 1 });
    expect(output).toMatchObject({ input: { n: 1 }, agent: { name: 'echo', version: '1.2.3' } });
    expect(output.threadId).toBeGreaterThan(0);
  });

  it('keeps the agent loaded: pooled tasks reuse the thread', async () => {
    fixture = await poolFixture(['echo']);
    const first = await fixture.pool.run<{ threadId: number }>('echo', 1);
    const second = await fixture.pool.run<{ threadId: number }>('echo', 2);
    expect(second.threadId).toBe(first.threadId);
    expect(fixture.pool.threads).toBe(1);
  });

  it('delivers every progress report and event before the task settles', async () => {
    fixture = await poolFixture(['echo']);
    const seen: unknown[] = [];
    await fixture.pool.run('echo', 'x', { onProgress: (done, total) => seen.push(['progress', done, total]), onEvent: (name, data) => seen.push(['event', name, data]) });
    expect(seen).toEqual([
      ['progress', 1, 2],
      ['event', 'seen', { input: 'x' }],
      ['progress', 2, 2],
    ]);
  });

  it("rejects with the caller's own error when onProgress throws, instead of crashing the process", async () => {
    fixture = await poolFixture(['echo']);
    const mine = new Error('progress bar gone');
    await expect(
      fixture.pool.run('echo', 1, {
        onProgress: () => {
          throw mine;
        },
      }),
    ).rejects.toBe(mine);
    await expect(fixture.pool.run('echo', 2)).resolves.toMatchObject({ input: 2 });
  });

  it('gives agents the kernel store, opened in the worker', async () => {
    fixture = await poolFixture(['store-writer']);
    const output = await fixture.pool.run('store-writer', { key: 'k', value: { hits: 2 } });
    expect(output).toEqual({ read: { hits: 2 }, path: fixture.store.path });
    expect(fixture.store.db('patterns').get('k')).toEqual({ hits: 2 });
  });

  it('a pooled thread reads what was committed since its previous task, not an old snapshot', async () => {
    fixture = await poolFixture(['store-reader']);
    const db = fixture.store.db('patterns');
    const seen: unknown[] = [];
    for (const v of [1, 2, 3]) {
      await db.put('k', { v });
      seen.push(await fixture.pool.run('store-reader', { key: 'k' }));
    }
    expect(seen).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }]);
  });

  it('rejects an agent it does not know with AQE_AGENT_UNKNOWN, listing the known ones', async () => {
    fixture = await poolFixture(['echo']);
    const error = await fixture.pool.run('nope', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({ code: 'AQE_AGENT_UNKNOWN', agent: 'nope' });
    expect((error as Error).message).toMatch(/registered: echo/);
  });

  it('fails a module without an agent default export with AQE_AGENT_FAILED, and keeps serving others', async () => {
    fixture = await poolFixture(['not-an-agent', 'echo']);
    await expect(fixture.pool.run('not-an-agent', {})).rejects.toMatchObject({ code: 'AQE_AGENT_FAILED', message: expect.stringMatching(/could not be loaded: the default export .* is not an agent/) });
    await expect(fixture.pool.run('echo', 1)).resolves.toMatchObject({ input: 1 });
  });
});
