import { AgentError } from '@aqe/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { type PoolFixture, poolFixture } from './test-support/pool-fixture.js';

const AGENTS = ['echo', 'throws', 'hangs', 'spins', 'exits'];

/** Every fault ends the call with a coded AgentError naming the agent, and the next task works. */
describe('agent pool: faults end the call with a clear error and the pool recovers', () => {
  let fixture: PoolFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  async function expectRecovered(f: PoolFixture) {
    await expect(f.pool.run('echo', 'after')).resolves.toMatchObject({ input: 'after' });
  }

  it('an agent that throws: AQE_AGENT_FAILED with its message; the cause keeps name, code and stack', async () => {
    fixture = await poolFixture(AGENTS);
    const error = await fixture.pool.run('throws', { n: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({ code: 'AQE_AGENT_FAILED', agent: 'throws', message: expect.stringMatching(/^agent "throws": threw RangeError: bad input \{"n":1\}/) });
    expect((error as Error).cause).toMatchObject({ name: 'RangeError', code: 'E_FIXTURE', stack: expect.stringContaining('throws.mjs') });
    await expectRecovered(fixture);
  });

  it.each(['hangs', 'spins'])('an agent that never returns (%s): AQE_AGENT_TIMEOUT, its thread replaced', async (agent) => {
    fixture = await poolFixture(AGENTS);
    await expect(fixture.pool.run(agent, {}, { timeoutMs: 200 })).rejects.toMatchObject({ code: 'AQE_AGENT_TIMEOUT', agent, message: expect.stringMatching(/within 200 ms/) });
    await expectRecovered(fixture);
  });

  it('the configured taskTimeoutMs applies when the call gives none', async () => {
    fixture = await poolFixture(AGENTS, { taskTimeoutMs: 150 });
    await expect(fixture.pool.run('spins', {})).rejects.toMatchObject({ code: 'AQE_AGENT_TIMEOUT', message: expect.stringMatching(/within 150 ms/) });
  });

  it('a worker that dies mid-task: AQE_AGENT_WORKER_CRASHED naming the agent', async () => {
    fixture = await poolFixture(AGENTS);
    await expect(fixture.pool.run('exits', {})).rejects.toMatchObject({ code: 'AQE_AGENT_WORKER_CRASHED', agent: 'exits', message: expect.stringMatching(/^agent "exits": its worker thread died .*code: 3/) });
    await expectRecovered(fixture);
  });

  it('an output that cannot cross threads: AQE_AGENT_WORKER_CRASHED saying so', async () => {
    fixture = await poolFixture([...AGENTS, 'uncloneable']);
    await expect(fixture.pool.run('uncloneable', {})).rejects.toMatchObject({ code: 'AQE_AGENT_WORKER_CRASHED', message: expect.stringMatching(/output most likely cannot be cloned/) });
    await expectRecovered(fixture);
  });

  it('a worker killed by its heap limit mid-task: AQE_AGENT_WORKER_CRASHED', async () => {
    fixture = await poolFixture([...AGENTS, 'hogs-memory'], { maxOldGenerationSizeMb: 16 });
    await expect(fixture.pool.run('hogs-memory', {})).rejects.toMatchObject({ code: 'AQE_AGENT_WORKER_CRASHED', agent: 'hogs-memory', message: expect.stringMatching(/memory/i) });
    await expectRecovered(fixture);
  });

  it('aborting a running task: AQE_AGENT_ABORTED with the reason', async () => {
    fixture = await poolFixture(AGENTS);
    const controller = new AbortController();
    const running = fixture.pool.run('spins', {}, { signal: controller.signal, onProgress: () => controller.abort(new Error('user pressed ctrl-c')) });
    await expect(running).rejects.toMatchObject({ code: 'AQE_AGENT_ABORTED', agent: 'spins', message: expect.stringMatching(/aborted: user pressed ctrl-c/) });
    await expectRecovered(fixture);
  });

  it('aborting a queued task, and an already aborted signal: AQE_AGENT_ABORTED', async () => {
    fixture = await poolFixture(AGENTS);
    const controller = new AbortController();
    const blocker = fixture.pool.run('hangs', {}, { timeoutMs: 300 });
    const queued = fixture.pool.run('echo', 'queued', { signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'AQE_AGENT_ABORTED' });
    await expect(fixture.pool.run('echo', 1, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'AQE_AGENT_ABORTED' });
    await expect(blocker).rejects.toMatchObject({ code: 'AQE_AGENT_TIMEOUT' });
    await expectRecovered(fixture);
  });

  it('destroying the pool ends pending tasks with AQE_AGENT_ABORTED and refuses new ones', async () => {
    fixture = await poolFixture(AGENTS);
    const { pool } = fixture;
    const running = pool.run('hangs', {}).catch((e: unknown) => e);
    const queued = pool.run('echo', 1).catch((e: unknown) => e);
    await pool.destroy();
    expect(await running).toMatchObject({ code: 'AQE_AGENT_ABORTED', message: expect.stringMatching(/shut down/) });
    expect(await queued).toMatchObject({ code: 'AQE_AGENT_ABORTED' });
    await expect(pool.run('echo', 2)).rejects.toMatchObject({ code: 'AQE_AGENT_ABORTED' });
    expect(pool.threads).toBe(0);
  });
});
