import { randomBytes } from 'node:crypto';
import { existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './index.js';
import { assertBuilt, type ChildResult, rootPageOffset, runChild, tempDir } from './test-support.js';

const RECORDS = 300;
const key = (i: number) => `k${String(i).padStart(4, '0')}`;
const recordValue = (i: number) => ({ i, text: `MARK-${key(i)}-${'x'.repeat(1000)}` });

/** Opens the store through the built kernel, reads, then writes; prints what it saw. */
const OPEN_AND_USE = `
import { openStore } from {{dist}};
const [path, ...keys] = process.argv.slice(2);
const store = await openStore({ path });
const db = store.db('index');
const seen = Object.fromEntries(keys.map((k) => [k, db.get(k) ?? null]));
const ranged = [...db.range()].length;
await db.put('after', { fresh: true });
const after = db.get('after');
const health = store.health();
await store.close();
console.log(JSON.stringify({ seen, ranged, after, health }));
`;

/** The control: lmdb-js without the store's checks, reading every record. */
const RAW_LMDB_READ = `
const { open } = await import(process.argv[2]);
const root = open({ path: process.argv[3], maxDbs: 12 });
const db = root.openDB('index', { encoding: 'binary' });
let n = 0;
for (const { value } of db.getRange()) n += value.length;
await root.close();
console.log(JSON.stringify({ n }));
`;

function flipAll(file: string, marker: string): number {
  const data = readFileSync(file);
  let flipped = 0;
  for (let at = data.indexOf(marker); at >= 0; at = data.indexOf(marker, at + 1)) {
    data[at + marker.length + 10]! ^= 0xff;
    flipped++;
  }
  writeFileSync(file, data);
  return flipped;
}

function overwrite(file: string, position: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, position);
}

describe('a damaged store never crashes the process', () => {
  let dir: string;
  let path: string;
  let dataFile: string;

  beforeAll(assertBuilt);
  beforeEach(async () => {
    dir = tempDir();
    path = join(dir, 'store');
    dataFile = join(path, 'data.mdb');
    const store = await openStore({ path });
    const db = store.db('index');
    for (let i = 0; i < RECORDS; i++) void db.put(key(i), recordValue(i));
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const use = (...keys: string[]) => runChild(dir, 'use', OPEN_AND_USE, [path, ...keys]);
  function expectSurvived(child: ChildResult): void {
    expect({ signal: child.signal, status: child.status, stderr: child.stderr }).toEqual({ signal: null, status: 0, stderr: '' });
  }
  function expectRecovered(child: ChildResult, reason: RegExp): void {
    expectSurvived(child);
    const { seen, ranged, after, health } = child.result;
    expect(health.recovered.reason).toMatch(reason);
    expect(health.recovered.movedTo).toBe(`${path}.corrupt-1`);
    expect(existsSync(health.recovered.movedTo)).toBe(true);
    expect(health.drops).toMatchObject([{ db: '*', reason: 'environment' }]);
    expect(Object.values(seen).every((v) => v === null)).toBe(true);
    expect(ranged).toBe(0);
    expect(after).toEqual({ fresh: true });
  }

  it('(a) bytes flipped inside a record value: that record is dropped, the others are intact', async () => {
    expect(flipAll(dataFile, `MARK-${key(150)}-`)).toBeGreaterThan(0);
    const child = await use(key(149), key(150), key(151));
    expectSurvived(child);
    const { seen, ranged, health } = child.result;
    expect(seen).toEqual({ [key(149)]: recordValue(149), [key(150)]: null, [key(151)]: recordValue(151) });
    expect(ranged).toBe(RECORDS - 1);
    expect(health.recovered).toBeUndefined();
    expect(health.drops).toMatchObject([{ db: 'index', key: key(150), reason: 'checksum' }]);
    expect(health.entries.index).toBe(RECORDS);
  });

  it('(b) node offsets of a tree page pointing outside the page: moved aside, fresh store works', async () => {
    overwrite(dataFile, rootPageOffset(dataFile, 'index') + 24, Buffer.from([0xf0, 0xff, 0xf0, 0xff]));
    expectRecovered(await use(key(1)), /outside the page|node index/);
  });

  it('(b) a tree page claiming a future transaction (LMDB would write into the read-only map)', async () => {
    overwrite(dataFile, rootPageOffset(dataFile, 'index') + 8, Buffer.alloc(8, 0x7f));
    expectRecovered(await use(key(1)), /newer than the snapshot/);
  });

  it('(b) both meta pages damaged: not an LMDB file any more', async () => {
    const pageSize = readFileSync(dataFile).readUInt32LE(48);
    overwrite(dataFile, 24, Buffer.from('JUNK'));
    overwrite(dataFile, pageSize + 24, Buffer.from('JUNK'));
    expectRecovered(await use(key(1)), /magic/);
  });

  it('(c) data file truncated to half: moved aside (lmdb-js alone dies of SIGBUS)', async () => {
    truncateSync(dataFile, Math.floor(statSync(dataFile).size / 2));
    const lmdbEntry = pathToFileURL(createRequire(import.meta.url).resolve('lmdb')).href;
    const control = await runChild(dir, 'raw', RAW_LMDB_READ, [lmdbEntry, path]);
    expect(control.signal ?? control.status).not.toBe(0);
    expectRecovered(await use(key(1)), /truncated|outside the file/);
  });

  it('(c) data file truncated to a few bytes: moved aside', async () => {
    truncateSync(dataFile, 10);
    expectRecovered(await use(key(1)), /truncated/);
  });

  it('(d) a directory holding garbage instead of an environment: moved aside', async () => {
    writeFileSync(dataFile, randomBytes(64 * 1024));
    writeFileSync(join(path, 'lock.mdb'), randomBytes(8192));
    expectRecovered(await use(key(1)), /not an LMDB data file/);
  });

  it('(d) a file where the store directory should be: moved aside', async () => {
    rmSync(path, { recursive: true });
    writeFileSync(path, 'not a directory');
    expectRecovered(await use(key(1)), /not a directory/);
  });

  it('two processes finding the same damage move it aside once and both carry on', async () => {
    truncateSync(dataFile, 4096 * 3);
    const [first, second] = await Promise.all([runChild(dir, 'one', OPEN_AND_USE, [path]), runChild(dir, 'two', OPEN_AND_USE, [path])]);
    expectSurvived(first!);
    expectSurvived(second!);
    const movers = [first!, second!].filter((c) => c.result.health.recovered);
    expect(movers).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.startsWith('store.corrupt-'))).toEqual(['store.corrupt-1']);
  });
});
