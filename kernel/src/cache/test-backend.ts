import type { CacheBackendCapability, CacheEntry } from '../types/capabilities.js';

/** An in-memory cache backend for tests that can be told to fail or hang. */
export interface TestBackend extends CacheBackendCapability {
  entries: Map<string, CacheEntry>;
  calls: string[];
  mode: 'ok' | 'fail' | 'hang';
}

export function testBackend(id: string, order: number, remote: boolean): TestBackend {
  const entries = new Map<string, CacheEntry>();
  const calls: string[] = [];
  const self: TestBackend = {
    id,
    order,
    remote,
    entries,
    calls,
    mode: 'ok',
    get: (key) => act(`get ${key}`, () => entries.get(key)),
    put: (key, value, o) => act(`put ${key}`, () => void entries.set(key, { value, ...(o?.ttlMs ? { expiresAt: Date.now() + o.ttlMs } : {}) })),
    has: (key) => act(`has ${key}`, () => entries.has(key)),
    delete: (key) => act(`delete ${key}`, () => entries.delete(key)),
    stats: async () => ({ entries: entries.size, hits: 0, misses: 0, writes: 0, errors: 0 }),
    clear: () =>
      act('clear', () => {
        const n = entries.size;
        entries.clear();
        return n;
      }),
  };
  async function act<T>(call: string, work: () => T): Promise<T> {
    calls.push(call);
    if (self.mode === 'fail') throw new Error(`${id} is down`);
    if (self.mode === 'hang') return new Promise<T>(() => {});
    await new Promise((r) => setImmediate(r));
    return work();
  }
  return self;
}
