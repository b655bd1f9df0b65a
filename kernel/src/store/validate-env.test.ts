import { cpSync, mkdirSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './index.js';
import { PAGE_HEADER } from './lmdb-layout.js';
import { databaseRecordOffset, rootPageOffset, runChild, tempDir } from './test-support.js';
import { checkHeader, checkTrees, type EnvVerdict } from './validate-env.js';

/** Both checks, as openStore runs them (there with a read transaction held in between). */
function checkEnvironment(dir: string): EnvVerdict {
  const header = checkHeader(dir);
  return header.state === 'ok' ? checkTrees(dir) : header;
}

/** Reads and rewrites every record with lmdb-js alone: what a crash-prone open would do. */
const RAW_LMDB_EXERCISE = `
const { open } = await import(process.argv[2]);
try {
  const root = open({ path: process.argv[3], maxDbs: 12 });
  for (const name of ['meta', 'index', 'history', 'patterns', 'results']) {
    const db = root.openDB(name, { encoding: 'binary' });
    for (const { key } of db.getRange()) db.get(key);
    for (let i = 0; i < 50; i++) db.put('new' + i, Buffer.alloc(i % 10 ? 700 : 9000, i));
    for (let i = 0; i < 50; i += 3) db.remove('k' + i);
  }
  await root.flushed;
  await root.close();
} catch {
  // an error is fine: only a crash is not
}
console.log('survived');
`;

function overwrite(file: string, position: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, position);
}

describe('checkHeader and checkTrees', () => {
  let dir: string;
  let healthy: string;
  const copy = (name: string) => {
    const target = join(dir, name);
    cpSync(healthy, target, { recursive: true });
    return { path: target, data: join(target, 'data.mdb') };
  };

  beforeAll(async () => {
    dir = tempDir();
    healthy = join(dir, 'healthy');
    const store = await openStore({ path: healthy });
    // Small and large (overflow) values, then removals so the free-page list has entries.
    for (const name of ['index', 'history', 'results'] as const) {
      const db = store.db(name);
      for (let i = 0; i < 150; i++) void db.put(`k${i}`, { i, pad: 'z'.repeat(i % 15 === 0 ? 9000 : 600) });
      await store.flushed();
      for (let i = 0; i < 150; i += 4) void db.remove(`k${i}`);
      await store.flushed();
    }
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a healthy environment, a missing one and an empty data file', () => {
    expect(checkEnvironment(healthy)).toEqual({ state: 'ok' });
    expect(checkEnvironment(join(dir, 'missing'))).toEqual({ state: 'ok' });
    mkdirSync(join(dir, 'empty'));
    expect(checkEnvironment(join(dir, 'empty'))).toEqual({ state: 'ok' });
    writeFileSync(join(dir, 'empty', 'data.mdb'), '');
    expect(checkEnvironment(join(dir, 'empty'))).toEqual({ state: 'ok' });
  });

  it('rejects what is not an environment', () => {
    writeFileSync(join(dir, 'file'), 'x');
    expect(checkEnvironment(join(dir, 'file'))).toMatchObject({ state: 'corrupt', reason: expect.stringMatching(/not a directory/) });
    mkdirSync(join(dir, 'dir-data', 'data.mdb'), { recursive: true });
    expect(checkEnvironment(join(dir, 'dir-data'))).toMatchObject({ state: 'corrupt', reason: expect.stringMatching(/not a regular file/) });
    const text = copy('text');
    writeFileSync(text.data, 'hello\n'.repeat(5000));
    expect(checkEnvironment(text.path)).toMatchObject({ state: 'corrupt', reason: expect.stringMatching(/not an LMDB data file/) });
  });

  it('rejects truncation that cuts off meta pages or pages in use', () => {
    const size = readFileSync(join(healthy, 'data.mdb')).length;
    for (const length of [10, 4096, 4096 * 2 + 1, Math.floor(size / 2)]) {
      const cut = copy(`cut-${length}`);
      truncateSync(cut.data, length);
      expect(checkEnvironment(cut.path), `truncated to ${length}`).toMatchObject({ state: 'corrupt' });
    }
  });

  it('rejects a last page so far beyond the file that mapping it would fault', () => {
    const absurd = copy('last-page');
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(2n ** 40n);
    overwrite(absurd.data, PAGE_HEADER + 24 + 2 * 48, bytes);
    expect(checkHeader(absurd.path)).toMatchObject({ state: 'corrupt', reason: expect.stringMatching(/impossible last page/) });
  });

  it('rejects flags LMDB would act on: environment, named database, page type', () => {
    const env = copy('env-flags');
    overwrite(env.data, PAGE_HEADER + 24 + 4, Buffer.from([0x0c, 0x10])); // DUPSORT in meta 0
    expect(checkEnvironment(env.path)).toMatchObject({ state: 'corrupt', reason: expect.stringMatching(/environment flags/) });

    const named = copy('db-flags');
    overwrite(named.data, databaseRecordOffset(named.data, 'history') + 4, Buffer.from([0x04, 0x00])); // DUPSORT on "history"
    expect(checkEnvironment(named.path)).toMatchObject({ state: 'corrupt', reason: expect.stringMatching(/"history" has unexpected flags/) });

    const page = copy('page-type');
    overwrite(page.data, rootPageOffset(page.data, 'index') + 18, Buffer.from([0x04, 0x00]));
    expect(checkEnvironment(page.path)).toMatchObject({ state: 'corrupt', reason: expect.stringMatching(/"index": page \d+ has flags 0x4/) });
  });

  it('accepts no damage that lmdb-js alone would crash on (fixed-seed sample of header and node damage)', async () => {
    const lmdbEntry = pathToFileURL(createRequire(import.meta.url).resolve('lmdb')).href;
    const pristine = readFileSync(join(healthy, 'data.mdb'));
    const pageSize = pristine.readUInt32LE(48);
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let accepted = 0;
    for (let round = 0; round < 20; round++) {
      const sample = copy(`fuzz-${round}`);
      const page = 2 + random(pristine.length / pageSize - 2);
      // Page headers, node index and node headers: what LMDB dereferences unchecked.
      const at = page * pageSize + (round % 2 ? random(PAGE_HEADER) : PAGE_HEADER + random(64));
      overwrite(sample.data, at, Buffer.from([pristine[at]! ^ (1 + random(255))]));
      if (checkEnvironment(sample.path).state !== 'ok') continue;
      accepted++;
      const child = await runChild(dir, 'exercise', RAW_LMDB_EXERCISE, [lmdbEntry, sample.path]);
      expect({ round, at, signal: child.signal, out: child.stdout.trim() }).toEqual({ round, at, signal: null, out: 'survived' });
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
