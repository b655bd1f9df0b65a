import { afterEach, describe, expect, it } from 'vitest';
import { type PoolFixture, poolFixture } from './test-support/pool-fixture.js';

interface StatefulOutput {
  before: string[];
  inits: number;
  tasks: number;
  threadId: number;
}

describe('BaseAgent in a pooled thread', () => {
  let fixture: PoolFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('init() runs once per thread; reset() leaves the next task no state of the previous one', async () => {
    fixture = await poolFixture(['stateful']);
    const outputs: StatefulOutput[] = [];
    for (const id of ['a', 'b', 'c']) outputs.push(await fixture.pool.run<StatefulOutput>('stateful', { id }));
    expect(new Set(outputs.map((o) => o.threadId)).size).toBe(1);
    expect(outputs.map(({ before, inits, tasks }) => ({ before, inits, tasks }))).toEqual([
      { before: [], inits: 1, tasks: 0 },
      { before: [], inits: 1, tasks: 1 },
      { before: [], inits: 1, tasks: 2 },
    ]);
  });

  it('the same agent without its reset would leak (the test above can fail)', async () => {
    fixture = await poolFixture(['stateful']);
    await fixture.pool.run('stateful', { id: 'secret', leak: true });
    const next = await fixture.pool.run<StatefulOutput>('stateful', { id: 'b' });
    expect(next.before).toEqual(['secret']);
  });

  it('learning keeps counts per outcome and the last outcome per key, in the store every thread shares', async () => {
    fixture = await poolFixture(['learner'], { minThreads: 2, maxThreads: 2 });
    const events: unknown[] = [];
    await fixture.pool.run('learner', { key: 'sig-1', outcome: 'flaky' });
    await fixture.pool.run('learner', { key: 'sig-1', outcome: 'regression' });
    const third = await fixture.pool.run('learner', { key: 'sig-1', outcome: 'flaky' }, { onEvent: (name, data) => events.push([name, data]) });
    await fixture.pool.run('learner', { key: 'sig-0', outcome: 'flaky' });
    expect(third).toEqual({ counts: { flaky: 2, regression: 1 }, total: 3, last: 'flaky', keys: ['sig-1'] });
    expect(events).toEqual([['learned', { key: 'sig-1', total: 3 }]]);
    expect(await fixture.pool.run('learner', { read: 'sig-0' })).toMatchObject({ counts: { flaky: 1 }, total: 1, last: 'flaky', lastSeen: expect.any(Number) });
    expect([...fixture.store.db('patterns').range({ prefix: 'learning:learner:' })].map((e) => e.key)).toEqual(['learning:learner:sig-0', 'learning:learner:sig-1']);
  });
});
