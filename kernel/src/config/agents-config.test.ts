import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('config key "agents"', () => {
  it('defaults every pool setting, and keeps the ones given', async () => {
    expect((await loadConfig('/nowhere', {})).agents).toEqual({ minThreads: 1, maxThreads: 4, idleTimeoutMs: 30_000, taskTimeoutMs: 60_000, maxOldGenerationSizeMb: 256 });
    expect((await loadConfig('/nowhere', { agents: { minThreads: 0, taskTimeoutMs: 5000 } })).agents).toMatchObject({ minThreads: 0, maxThreads: 4, taskTimeoutMs: 5000 });
  });

  it.each([
    [{ agents: { threads: 2 } }, 'agents.threads', /unknown key `agents.threads`/],
    [{ agents: { maxThreads: 0 } }, 'agents.maxThreads', /agents.maxThreads/],
    [{ agents: { taskTimeoutMs: '5s' } }, 'agents.taskTimeoutMs', /`agents.taskTimeoutMs` expected number, received string/],
    [{ agents: { minThreads: 3, maxThreads: 2 } }, 'agents.minThreads', /minThreads must not exceed maxThreads/],
  ])('rejects %j naming the key', async (config, path, message) => {
    await expect(loadConfig('/nowhere', config as never)).rejects.toMatchObject({ code: 'AQE_CONFIG_INVALID', keyPath: path, message: expect.stringMatching(message) });
  });
});
