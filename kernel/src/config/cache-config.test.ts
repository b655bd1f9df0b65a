import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('config key "cache"', () => {
  it('defaults every setting, and keeps the ones given', async () => {
    expect((await loadConfig('/nowhere', {})).cache).toEqual({ enabled: true, env: ['NODE_ENV', 'TZ'], timeoutMs: 2000 });
    expect((await loadConfig('/nowhere', { cache: { enabled: false, env: ['CI'], ttlMs: 60_000 } })).cache).toEqual({ enabled: false, env: ['CI'], ttlMs: 60_000, timeoutMs: 2000 });
  });

  it.each([
    [{ cache: { tiers: ['redis'] } }, 'cache.tiers', /unknown key `cache.tiers`/],
    [{ cache: { env: ['NOT-A-NAME'] } }, 'cache.env[0]', /must be an environment variable name/],
    [{ cache: { ttlMs: 0 } }, 'cache.ttlMs', /cache.ttlMs/],
    [{ cache: { enabled: 'yes' } }, 'cache.enabled', /`cache.enabled` expected boolean, received string/],
  ])('rejects %j naming the key', async (config, path, message) => {
    await expect(loadConfig('/nowhere', config as never)).rejects.toMatchObject({ code: 'AQE_CONFIG_INVALID', keyPath: path, message: expect.stringMatching(message) });
  });
});
