import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './index.js';
import { assertBuilt, DIST_INDEX, runChild, tempDir } from './test-support.js';

const PER_WRITER = 400;

/** Writes `n` records under its own prefix, committing in small batches so commits interleave. */
const WRITER = `
import { openStore } from {{dist}};
const [path, prefix, n] = process.argv.slice(2);
const store = await openStore({ path });
const db = store.db('history');
for (let i = 0; i < Number(n); i++) {
  const write = db.put(prefix + i, { prefix, i, pad: 'p'.repeat(300) });
  if (i % 20 === 19) await write;
}
await store.close();
console.log(JSON.stringify({ drops: 0 }));
`;

/** Reads every record in a worker thread of the process that is writing them. */
const READER = `
import { parentPort, workerData } from 'node:worker_threads';
const { openStore } = await import(workerData.dist);
const store = await openStore({ path: workerData.path, readOnly: true });
let count = 0;
let wrong = 0;
for (const { key, value } of store.db('results').range()) {
  count++;
  if (value.key !== key || value.pad.length !== 500) wrong++;
}
const health = store.health();
await store.close();
parentPort.postMessage({ count, wrong, drops: health.drops.length });
`;

/** Uses a store, closes it, then lists what still keeps the event loop alive. */
const HANDLES = `
import { openStore } from {{dist}};
const store = await openStore({ path: process.argv[2] });
const db = store.db('index');
await db.put('a', { x: 1 });
db.get('a');
[...db.range()];
await store.close();
// lmdb-js may still run a last short timer right after close(); let it finish.
await new Promise((resolve) => setTimeout(resolve, 100));
console.log(JSON.stringify(process.getActiveResourcesInfo()));
`;

describe('store shared between processes and threads', () => {
  let dir: string;
  let path: string;

  beforeAll(assertBuilt);
  beforeEach(() => {
    dir = tempDir();
    path = join(dir, 'store');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('two processes creating and writing the same store at once lose nothing', async () => {
    const children = await Promise.all(['a:', 'b:'].map((prefix) => runChild(dir, `writer-${prefix[0]}`, WRITER, [path, prefix, String(PER_WRITER)])));
    for (const child of children) expect({ signal: child.signal, status: child.status, stderr: child.stderr }).toEqual({ signal: null, status: 0, stderr: '' });
    const store = await openStore({ path });
    try {
      const db = store.db<{ prefix: string; i: number; pad: string }>('history');
      expect(db.count()).toBe(2 * PER_WRITER);
      for (const prefix of ['a:', 'b:']) {
        for (let i = 0; i < PER_WRITER; i++) expect(db.get(prefix + i)).toEqual({ prefix, i, pad: 'p'.repeat(300) });
      }
      expect(store.health()).toMatchObject({ ok: true, drops: [] });
    } finally {
      await store.close();
    }
  });

  it('a worker thread reads what the main thread wrote, while it keeps writing', async () => {
    const store = await openStore({ path });
    try {
      const db = store.db<{ key: string; pad: string }>('results');
      for (let i = 0; i < 500; i++) void db.put(`r${i}`, { key: `r${i}`, pad: 'q'.repeat(500) });
      await store.flushed();
      const script = join(dir, 'reader.mjs');
      writeFileSync(script, READER);
      const worker = new Worker(script, { workerData: { path, dist: DIST_INDEX } });
      const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
      const message = new Promise<{ count: number; wrong: number; drops: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      for (let i = 500; i < 1000; i++) void db.put(`r${i}`, { key: `r${i}`, pad: 'q'.repeat(500) });
      const seen = await message;
      expect(seen.count).toBeGreaterThanOrEqual(500);
      expect(seen).toMatchObject({ wrong: 0, drops: 0 });
      expect(await exited).toBe(0);
      await store.flushed();
      expect(db.count()).toBe(1000);
    } finally {
      await store.close();
    }
  });

  it('close() leaves nothing that keeps the process alive', async () => {
    const child = await runChild(dir, 'handles', HANDLES, [path]);
    expect({ signal: child.signal, status: child.status, stderr: child.stderr }).toEqual({ signal: null, status: 0, stderr: '' });
    expect(child.result).toEqual([]);
  });
});
