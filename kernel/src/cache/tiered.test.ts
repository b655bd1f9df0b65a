import { describe, expect, it } from 'vitest';
import { createTieredCache } from './tiered.js';
import { testBackend } from './test-backend.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const ownNs = { read: ['pr-1', 'trusted'], write: 'pr-1' };

function setup(namespaces = ownNs, timeoutMs = 1000) {
  const local = testBackend('lmdb', 0, false);
  const redis = testBackend('redis', 10, true);
  const s3 = testBackend('s3', 20, true);
  const warnings: string[] = [];
  const cache = createTieredCache({ backends: [s3, local, redis], namespaces, timeoutMs, onTierDisabled: (id, reason) => warnings.push(`${id}: ${reason}`) });
  return { local, redis, s3, cache, warnings };
}

describe('tiered cache', () => {
  it('orders tiers by their order, whatever the registration order', () => {
    expect(setup().cache.tiers).toEqual(['lmdb', 'redis', 's3']);
  });

  it('writes every tier in the own namespace and flushes remote writes', async () => {
    const { local, redis, s3, cache } = setup();
    await cache.put('k', bytes('v'));
    await cache.flush();
    for (const b of [local, redis, s3]) expect([...b.entries.keys()]).toEqual(['pr-1/k']);
  });

  it('reads top-down, own namespace then trusted, and back-fills the upper tiers in the own namespace', async () => {
    const { local, redis, s3, cache } = setup();
    s3.entries.set('trusted/k', { value: bytes('from s3') });
    const hit = await cache.get('k', text);
    expect(hit).toEqual({ value: 'from s3', tier: 's3', namespace: 'trusted' });
    expect(local.calls).toEqual(['get pr-1/k', 'get trusted/k', 'put pr-1/k']);
    await cache.flush();
    expect([...redis.entries.keys()]).toEqual(['pr-1/k']);
    expect(await cache.get('k', text)).toEqual({ value: 'from s3', tier: 'lmdb', namespace: 'pr-1' });
    expect(s3.entries.has('pr-1/k')).toBe(false);
  });

  it('never writes the trusted namespace from an untrusted build, but a trusted build does', async () => {
    const untrusted = setup();
    await untrusted.cache.put('k', bytes('v'));
    await untrusted.cache.flush();
    expect([...untrusted.redis.entries.keys()]).toEqual(['pr-1/k']);
    const trusted = setup({ read: ['trusted'], write: 'trusted' });
    trusted.redis.entries.set('pr-1/k', { value: bytes('planted') });
    expect(await trusted.cache.get('k', text)).toBeUndefined();
    await trusted.cache.put('k', bytes('v'));
    await trusted.cache.flush();
    expect(trusted.redis.entries.has('trusted/k')).toBe(true);
  });

  it('writes nothing in a read-only build', async () => {
    const { local, redis, cache } = setup({ read: ['pr-1', 'trusted'], write: null });
    redis.entries.set('trusted/k', { value: bytes('v') });
    expect((await cache.get('k', text))?.tier).toBe('redis');
    await cache.put('k2', bytes('v'));
    await cache.flush();
    expect(local.entries.size).toBe(0);
  });

  it('skips entries the caller rejects and keeps looking further down', async () => {
    const { redis, s3, cache } = setup();
    redis.entries.set('pr-1/k', { value: bytes('bad') });
    s3.entries.set('pr-1/k', { value: bytes('good') });
    const hit = await cache.get('k', (b) => (text(b) === 'good' ? 'good' : undefined));
    expect(hit).toMatchObject({ value: 'good', tier: 's3' });
  });

  it('switches off a failing tier with one warning and goes on with the others', async () => {
    const { redis, s3, cache, warnings } = setup();
    redis.mode = 'fail';
    s3.entries.set('trusted/k', { value: bytes('v') });
    expect((await cache.get('k', text))?.tier).toBe('s3');
    await cache.put('k2', bytes('v'));
    expect(await cache.get('k3', text)).toBeUndefined();
    await cache.flush();
    expect(warnings).toEqual(['redis: get failed: redis is down']);
    expect(cache.disabledTiers()).toEqual([{ id: 'redis', reason: 'get failed: redis is down' }]);
    expect(redis.calls).toEqual(['get pr-1/k']);
    expect(s3.entries.has('pr-1/k2')).toBe(true);
  });

  it('switches off a tier that hangs after the per-operation timeout', async () => {
    const { redis, cache, warnings } = setup(ownNs, 50);
    redis.mode = 'hang';
    await cache.put('k', bytes('v'));
    await cache.flush();
    expect(await cache.get('k', text)).toMatchObject({ tier: 'lmdb' });
    expect(warnings).toEqual(['redis: put timed out after 50 ms']);
  });
});
