import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../types/store.js';
import { openStore } from './index.js';
import { tempDir } from './test-support.js';

describe('store', () => {
  let dir: string;
  let path: string;
  let store: Store | undefined;

  beforeEach(() => {
    dir = tempDir();
    path = join(dir, 'store');
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the environment with a schema record and empty databases', async () => {
    store = await openStore({ path });
    expect(existsSync(join(path, 'data.mdb'))).toBe(true);
    expect(store.db('meta').get('schema')).toEqual({ version: 1 });
    expect(store.health()).toEqual({ path, ok: true, drops: [], entries: { meta: 1, index: 0, history: 0, patterns: 0, results: 0 } });
  });

  it('puts, gets, removes, counts and clears records', async () => {
    store = await openStore({ path });
    const db = store.db<{ n: number; tags?: string[] }>('history');
    await db.put('a', { n: 1, tags: ['x'] });
    await db.put('b', { n: 2 });
    expect(db.get('a')).toEqual({ n: 1, tags: ['x'] });
    expect(db.get('missing')).toBeUndefined();
    expect(db.count()).toBe(2);
    expect(await db.remove('a')).toBe(true);
    expect(await db.remove('a')).toBe(false);
    expect(db.get('a')).toBeUndefined();
    await db.clear();
    expect(db.count()).toBe(0);
    expect(store.db('meta').get('schema')).toEqual({ version: 1 });
  });

  it('ranges in key order, by prefix and with a limit', async () => {
    store = await openStore({ path });
    const db = store.db<number>('index');
    await Promise.all(['b/2', 'a/1', 'b/1', 'c', 'b/3', 'ba'].map((key, i) => db.put(key, i)));
    expect([...db.range()].map((e) => e.key)).toEqual(['a/1', 'b/1', 'b/2', 'b/3', 'ba', 'c']);
    expect([...db.range({ prefix: 'b/' })]).toEqual([
      { key: 'b/1', value: 2 },
      { key: 'b/2', value: 0 },
      { key: 'b/3', value: 4 },
    ]);
    expect([...db.range({ prefix: 'b', limit: 2 })].map((e) => e.key)).toEqual(['b/1', 'b/2']);
    expect([...db.range({ prefix: 'zz' })]).toEqual([]);
  });

  it('clears all records written under another schema version', async () => {
    store = await openStore({ path });
    await store.db('history').put('old', 1);
    await store.db('meta').put('schema', { version: 99 });
    await store.close();
    store = await openStore({ path });
    expect(store.db('history').get('old')).toBeUndefined();
    expect(store.db('meta').get('schema')).toEqual({ version: 1 });
    expect(store.health().drops).toMatchObject([{ db: '*', key: 'schema', reason: 'version' }]);
  });

  it('throws AQE_STORE_CLOSED for every use after close, and closes twice quietly', async () => {
    const closed = await openStore({ path });
    const db = closed.db('index');
    await closed.close();
    await closed.close();
    expect(() => db.get('a')).toThrow(expect.objectContaining({ code: 'AQE_STORE_CLOSED' }));
    expect(() => db.range()).toThrow(expect.objectContaining({ code: 'AQE_STORE_CLOSED' }));
    expect(() => db.count()).toThrow(expect.objectContaining({ code: 'AQE_STORE_CLOSED' }));
    await expect(db.put('a', 1)).rejects.toMatchObject({ code: 'AQE_STORE_CLOSED' });
    await expect(db.remove('a')).rejects.toMatchObject({ code: 'AQE_STORE_CLOSED' });
    expect(() => closed.db('index')).toThrow(expect.objectContaining({ code: 'AQE_STORE_CLOSED' }));
    expect(() => closed.health()).toThrow(expect.objectContaining({ code: 'AQE_STORE_CLOSED' }));
    await expect(closed.flushed()).rejects.toMatchObject({ code: 'AQE_STORE_CLOSED' });
  });

  it('opens read-only: reads work, writes throw AQE_STORE_READ_ONLY', async () => {
    const writer = await openStore({ path });
    await writer.db('patterns').put('p', { sig: 'x' });
    await writer.close();
    store = await openStore({ path, readOnly: true });
    expect(store.db('patterns').get('p')).toEqual({ sig: 'x' });
    await expect(store.db('patterns').put('q', 1)).rejects.toMatchObject({ code: 'AQE_STORE_READ_ONLY' });
  });

  it('refuses to open a missing store read-only, without creating it', async () => {
    await expect(openStore({ path, readOnly: true })).rejects.toMatchObject({ code: 'AQE_STORE_OPEN_FAILED' });
    expect(existsSync(path)).toBe(false);
  });

  it('flushed() waits for pending writes', async () => {
    store = await openStore({ path });
    const db = store.db<number>('results');
    for (let i = 0; i < 100; i++) void db.put(`k${i}`, i);
    await store.flushed();
    expect(db.count()).toBe(100);
    expect(db.get('k99')).toBe(99);
  });
});
