import { afterEach, describe, expect, it, vi } from 'vitest';
import { type PoolFixture, poolFixture } from './test-support/pool-fixture.js';

describe('agent pool: threads', () => {
  let fixture: PoolFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('starts minThreads at once, grows to maxThreads for concurrent tasks, and stops idle extra threads', async () => {
    fixture = await poolFixture(['sleeps'], { minThreads: 1, maxThreads: 3, idleTimeoutMs: 100 });
    const { pool } = fixture;
    expect(pool.threads).toBe(1);
    const threadIds = await Promise.all([1, 2, 3].map(() => pool.run<number>('sleeps', { ms: 300 })));
    expect(new Set(threadIds).size).toBe(3);
    await vi.waitFor(() => expect(pool.threads).toBe(1), { timeout: 20_000, interval: 50 });
  });

  it('with minThreads 0 starts no thread until the first task', async () => {
    fixture = await poolFixture(['sleeps'], { minThreads: 0, maxThreads: 1 });
    expect(fixture.pool.threads).toBe(0);
    await fixture.pool.run('sleeps', { ms: 1 });
    expect(fixture.pool.threads).toBe(1);
  });
});
