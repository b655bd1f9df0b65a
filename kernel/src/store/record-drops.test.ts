import { rmSync } from 'node:fs';
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

describe('records that fail their checks', () => {
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

  it('range() skips and drops an entry whose key is not a string', async () => {
    store = await openStore({ path });
    await store.db('index').put('a', 1);
    await store.close();
    const root = open({ path, maxDbs: 12 });
    await root.openDB<Buffer, number>('index', { encoding: 'binary' }).put(7, encodeRecord('7', 1));
    await root.close();
    store = await openStore({ path });
    expect([...store.db('index').range()]).toEqual([{ key: 'a', value: 1 }]);
    expect(store.health().drops).toMatchObject([{ db: 'index', key: '7', reason: 'decode' }]);
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
});
