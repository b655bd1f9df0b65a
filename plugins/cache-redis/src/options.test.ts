import { describe, expect, it } from 'vitest';
import { clusterNodes, credentialsOf } from './connect.js';
import { redactUrl, resolveOptions } from './options.js';

const defaults = { cluster: false, prefix: 'aqe:', ttlMs: 7 * 24 * 3600 * 1000, timeoutMs: 2000 };

describe('resolveOptions', () => {
  it('is undefined (tier not configured) without a url in options or AQE_REDIS_URL', async () => {
    expect(await resolveOptions(undefined, {})).toBeUndefined();
    expect(await resolveOptions({ prefix: 'x:' }, { AQE_REDIS_URL: '' })).toBeUndefined();
  });

  it.each([
    [{ url: 'redis://h:6379' }, {}, { ...defaults, urls: ['redis://h:6379'] }],
    [undefined, { AQE_REDIS_URL: 'rediss://u:p@h:6380/2' }, { ...defaults, urls: ['rediss://u:p@h:6380/2'] }],
    [{ url: 'redis://config:1' }, { AQE_REDIS_URL: 'redis://env:1' }, { ...defaults, urls: ['redis://config:1'] }],
    [undefined, { AQE_REDIS_URL: 'redis://h', AQE_REDIS_PREFIX: 'aqe:web:' }, { ...defaults, urls: ['redis://h'], prefix: 'aqe:web:' }],
    [{ prefix: 'aqe:cfg:' }, { AQE_REDIS_URL: 'redis://h', AQE_REDIS_PREFIX: 'aqe:env:' }, { ...defaults, urls: ['redis://h'], prefix: 'aqe:cfg:' }],
    [{ prefix: 'aqe:web:', ttlMs: 1000, timeoutMs: 300 }, { AQE_REDIS_URL: 'redis://h' }, { ...defaults, urls: ['redis://h'], prefix: 'aqe:web:', ttlMs: 1000, timeoutMs: 300 }],
    [{ url: 'redis://h:7000', cluster: true }, {}, { ...defaults, urls: ['redis://h:7000'], cluster: true }],
    [{ url: ['redis://a:7000', 'redis://b:7001'] }, {}, { ...defaults, urls: ['redis://a:7000', 'redis://b:7001'], cluster: true }],
    [undefined, { AQE_REDIS_URL: 'redis://a:7000, redis://b:7001' }, { ...defaults, urls: ['redis://a:7000', 'redis://b:7001'], cluster: true }],
  ])('accepts %o with env %o', async (raw, env, expected) => {
    expect(await resolveOptions(raw, env)).toEqual(expected);
  });

  it.each([
    [{ url: 'redis://h', ttlMs: 0 }, 'options.ttlMs must be a positive number of milliseconds, received 0'],
    [{ url: 'redis://h', timeoutMs: '2s' }, 'options.timeoutMs must be a positive number of milliseconds, received "2s"'],
    [{ url: 'http://h:6379' }, 'http://h:6379 is not a redis:// or rediss:// URL'],
    [{ url: 'localhost:6379' }, 'is not a redis:// or rediss:// URL'],
    [{ url: 'not a url' }, '"not a url" is not a URL'],
    [{ url: [] }, 'options.url must be a redis:// URL or a non-empty list of them, received an array'],
    [{ url: 'redis://h', cluster: 'yes' }, 'options.cluster must be true or false, received "yes"'],
    [{ url: 'redis://h', prefix: 3 }, 'options.prefix must be a string, received 3'],
    [{ url: 'redis://h', host: 'x' }, 'unknown option "host". @aqe/cache-redis accepts only: url, prefix, ttlMs, timeoutMs, cluster'],
    [[], 'options must be an object, received an array'],
  ])('rejects %o with AQE_CACHE_CONFIG_INVALID naming the option', async (raw, message) => {
    await expect(resolveOptions(raw, {})).rejects.toThrow(message);
    await expect(resolveOptions(raw, {})).rejects.toThrow(expect.objectContaining({ code: 'AQE_CACHE_CONFIG_INVALID', tier: 'redis' }));
  });

  it('checks AQE_REDIS_URL too', async () => {
    await expect(resolveOptions({}, { AQE_REDIS_URL: 'h:6379' })).rejects.toThrow('is not a redis:// or rediss:// URL');
  });
});

describe('cluster and URL helpers', () => {
  it('turns URLs into seed nodes, 6379 by default', () => {
    expect(clusterNodes(['redis://a:7000', 'rediss://b'])).toEqual([
      { host: 'a', port: 7000 },
      { host: 'b', port: 6379 },
    ]);
  });

  it('takes credentials and TLS from the first URL', () => {
    expect(credentialsOf('rediss://ci:p%40ss@a:7000')).toEqual({ username: 'ci', password: 'p@ss', tls: {} });
    expect(credentialsOf('redis://a:7000')).toEqual({});
  });

  it('masks passwords in URLs it shows', () => {
    expect(redactUrl('redis://ci:secret@h:6379/1')).toBe('redis://ci:***@h:6379/1');
    expect(redactUrl('redis://h:6379')).toBe('redis://h:6379');
  });
});
