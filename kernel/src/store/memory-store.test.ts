import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';

describe('MemoryStore', () => {
  it('keeps records per database, in key order, as copies', async () => {
    const store = new MemoryStore();
    const index = store.db<{ files: string[] }>('index');
    const value = { files: ['a.test.ts'] };
    await index.put('b', value);
    await index.put('a:1', { files: [] });
    await index.put('a:2', { files: ['x'] });
    value.files.push('changed after put');
    expect(index.get('b')).toEqual({ files: ['a.test.ts'] });
    index.get('b')!.files.push('changed after get');
    expect(index.get('b')).toEqual({ files: ['a.test.ts'] });
    expect([...index.range({ prefix: 'a:' })].map((e) => e.key)).toEqual(['a:1', 'a:2']);
    expect([...index.range({ limit: 2 })].map((e) => e.key)).toEqual(['a:1', 'a:2']);
    expect(store.db('history').get('b')).toBeUndefined();
    expect(await index.remove('b')).toBe(true);
    expect(await index.remove('b')).toBe(false);
    expect(store.health()).toMatchObject({ ok: true, drops: [], entries: { index: 2, history: 0 } });
    await index.clear();
    expect(index.count()).toBe(0);
  });

  it('refuses use after close, naming the fix', async () => {
    const store = new MemoryStore();
    const db = store.db('meta');
    await store.close();
    expect(() => db.get('x')).toThrow(expect.objectContaining({ code: 'AQE_STORE_CLOSED' }));
    expect(() => store.db('meta')).toThrow(/in-memory aqe store is closed/);
  });
});
