import { describe, expect, it } from 'vitest';
import type { AgentContext } from '../define-agent.js';
import { CoordinationStrategy } from './coordination.js';
import { LifecycleStrategy } from './lifecycle.js';

const ctx = {} as AgentContext;

describe('LifecycleStrategy', () => {
  it('a failed init fails its task and is tried again by the next', async () => {
    let calls = 0;
    const lifecycle = new LifecycleStrategy({
      init() {
        calls++;
        if (calls === 1) throw new Error('cold cache');
      },
    });
    await expect(lifecycle.beforeTask(ctx)).rejects.toThrow('cold cache');
    await lifecycle.beforeTask(ctx);
    await lifecycle.beforeTask(ctx);
    expect(calls).toBe(2);
  });

  it('a failed reset is an error, and the agent is initialised again before its next task', async () => {
    let inits = 0;
    const lifecycle = new LifecycleStrategy({
      init: () => void inits++,
      reset() {
        throw new Error('handle busy');
      },
    });
    await lifecycle.beforeTask(ctx);
    await expect(lifecycle.afterTask()).rejects.toThrow(/reset\(\) failed after a task.*handle busy/);
    await lifecycle.beforeTask(ctx);
    expect(inits).toBe(2);
    expect(lifecycle.tasks).toBe(1);
  });
});

describe('CoordinationStrategy', () => {
  it('refuses progress after its task ended, rather than report into the next caller', () => {
    const seen: unknown[] = [];
    const coordination = new CoordinationStrategy();
    coordination.bind({ progress: (done: number) => seen.push(done), emit() {} } as unknown as AgentContext);
    coordination.progress(1);
    coordination.unbind();
    expect(() => coordination.progress(2)).toThrow(/only be sent while the agent runs a task/);
    expect(seen).toEqual([1]);
  });
});
