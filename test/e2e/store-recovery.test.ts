import { readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiscoverReport, DoctorReport } from '@aqe/kernel';
import { open } from 'lmdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonData, Sandbox } from './support/aqe.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await Sandbox.create();
});
afterEach(() => sandbox.remove());

async function projectWithStore() {
  const cwd = await sandbox.project('node-basic');
  const first = await sandbox.run(['discover', '--json'], cwd);
  expect(first.code).toBe(0);
  return { cwd, files: jsonData<DiscoverReport>(first, 'discover'), store: join(cwd, '.aqe/store') };
}

describe('a damaged store', () => {
  it('with bytes flipped in a record: the command succeeds, says what it dropped, and lists the same files', async () => {
    const { cwd, files, store } = await projectWithStore();
    const raw = open({ path: store, maxDbs: 8, encoding: 'binary' });
    const db = raw.openDB({ name: 'index', encoding: 'binary' });
    for (const key of [...db.getKeys()].filter((k) => String(k).startsWith('dir:') || String(k).startsWith('snap:'))) {
      const bytes = Buffer.from(db.getBinary(key)!);
      bytes[bytes.length - 1] ^= 0x5a;
      await db.put(key, bytes);
    }
    await raw.close();
    const after = await sandbox.run(['discover', '--json'], cwd);
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(/store: dropped the index record .*checksum/);
    expect(jsonData<DiscoverReport>(after, 'discover').runners.map((r) => r.files)).toEqual(files.runners.map((r) => r.files));
  });

  it('truncated: the command succeeds, the store is moved aside and rebuilt, doctor reports it', async () => {
    const { cwd, store } = await projectWithStore();
    truncateSync(join(store, 'data.mdb'), 4096 + 100);
    const doctor = await sandbox.run(['doctor', '--format', 'json'], cwd);
    expect(doctor.code).toBe(0);
    expect(doctor.stderr).toMatch(/store: the environment could not be read safely and was replaced/);
    expect(jsonData<DoctorReport>(doctor, 'doctor').store).toMatchObject({ path: '.aqe/store', recovered: expect.stringContaining('moved to') });
    expect(readdirSync(join(cwd, '.aqe')).some((name) => name.startsWith('store.corrupt') || name.includes('corrupt'))).toBe(true);
    const again = await sandbox.run(['discover', '--json'], cwd);
    expect(again).toMatchObject({ code: 0, stderr: '' });
  });

  it('replaced by garbage: the command succeeds', async () => {
    const { cwd, store } = await projectWithStore();
    writeFileSync(join(store, 'data.mdb'), 'this is not an LMDB file at all'.repeat(300));
    const result = await sandbox.run(['discover', '--json'], cwd);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/replaced/);
  });
});
