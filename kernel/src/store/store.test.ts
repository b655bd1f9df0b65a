import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { open } from 'lmdb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseName, Store, StoreDrop } from '../types/store.js';
import { openStore } from './index.js';
import { encodeRecord } from './record-codec.js';
import { tempDir } from './test-support.js';

/** Writes bytes under a key with lmdb itself, bypassing the store's framing. */
async function writeRaw(path: string, db: DatabaseName, entries: Record<string, Buffer>): Promise<void> {
  const root = open({ path, maxDbs: 12 });
  const handle = root.openDB<Buffer, string>(db, { encoding: 'binary' });
  for (const [key, bytes] of Object.entries(entries)) await handle.put(key, bytes);
  await root.close();
}

function readRaw(path: string, db: DatabaseName, key: string): Buffer | undefined {
  const root = open({ path, maxDbs: 12, readOnly: true });
  const value = root.openDB<Buffer, string>(db, { encoding: 'binary' }).get(key);
  void root.close();
  return value;
}

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

  it('drops a record that fails its checks: get returns undefined, listeners and health hear of it', async () => {
    store = await openStore({ path });
    await store.db('results').put('good', { ok: true });
    await store.close();
    const damaged = Buffer.from(encodeRecord('bad', { some: 'value' }));
    damaged[damaged.length - 1]! ^= 0x55;
    await writeRaw(path, 'results', { bad: damaged, alien: Buffer.from('not a record') });

    const heard: StoreDrop[] = [];
    store = await openStore({ path, onDrop: (drop) => heard.push(drop) });
    const db = store.db('results');
    expect(db.get('bad')).toBeUndefined();
    expect(db.get('bad')).toBeUndefined();
    expect(db.get('good')).toEqual({ ok: true });
    expect([...db.range()].map((e) => e.key)).toEqual(['good']);
    expect(heard.map((d) => [d.db, d.key, d.reason])).toEqual([
      ['results', 'bad', 'checksum'],
      ['results', 'alien', 'decode'],
    ]);
    expect(store.health()).toMatchObject({ ok: false, drops: heard });
    await store.flushed();
    expect(db.count()).toBe(1);
    await store.close();
    expect(readRaw(path, 'results', 'bad')).toBeUndefined();
  });

  it('keeps serving reads when a drop listener throws', async () => {
    store = await openStore({ path });
    await store.close();
    await writeRaw(path, 'index', { bad: Buffer.from([0xa7, 1, 0, 0, 0, 0, 0xc1]) });
    store = await openStore({ path });
    store.onDrop(() => {
      throw new Error('listener bug');
    });
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      expect(store.db('index').get('bad')).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('listener bug'));
    } finally {
      warn.mockRestore();
    }
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
