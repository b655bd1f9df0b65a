import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_HEADER, PAGE_HEADER, readMeta, readTreeRecord } from './lmdb-layout.js';

/** Helpers for the store's tests: child processes run the built kernel, so build first. */

/** The built `@aqe/kernel/store` entry (openStore), which the children import. */
export const DIST_INDEX = fileURLToPath(new URL('../../dist/store-entry.js', import.meta.url));

/** Children import dist: fail clearly instead of testing stale code. */
export function assertBuilt(): void {
  const built = join(DIST_INDEX, '../store/open-store.js');
  const source = fileURLToPath(new URL('./open-store.ts', import.meta.url));
  if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs) {
    throw new Error(`${built} is missing or older than its source: run \`npx tsc -b kernel\` (npm test does) before these tests`);
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'aqe-store-'));
}

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The last stdout line, parsed as JSON, when it is JSON. */
  result: any;
}

/**
 * Runs an ES module in a fresh `node`: a corrupt store that crashed LMDB would kill that
 * process, not the test runner. `{{dist}}` in the source stands for the kernel's entry.
 */
export function runChild(dir: string, name: string, source: string, args: string[] = []): Promise<ChildResult> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source.replaceAll('{{dist}}', JSON.stringify(DIST_INDEX)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 50_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let result: unknown;
      try {
        result = JSON.parse(last);
      } catch {
        result = undefined;
      }
      resolve({ status, signal, stdout, stderr, result });
    });
  });
}

/** Byte offset, in data.mdb, of the record (MDB_db) describing named database `name`. */
export function databaseRecordOffset(dataFile: string, name: string): number {
  const data = readFileSync(dataFile);
  const first = readMeta(data, 0);
  const second = readMeta(data, first.pageSize);
  const meta = first.txnid >= second.txnid ? first : second;
  // The main tree of a store holds five names: a single leaf page.
  const page = meta.main.root! * meta.pageSize;
  const keys = data.readUInt16LE(page + 20) >> 1;
  for (let i = 0; i < keys; i++) {
    const node = page + PAGE_HEADER + data.readUInt16LE(page + PAGE_HEADER + 2 * i);
    const keyEnd = node + NODE_HEADER + data.readUInt16LE(node + 6);
    if (data.toString('utf8', node + NODE_HEADER, keyEnd).replace(/\0$/, '') === name) return keyEnd;
  }
  throw new Error(`no database "${name}" in ${dataFile}`);
}

/** Byte offset of the root page of named database `name`. */
export function rootPageOffset(dataFile: string, name: string): number {
  const data = readFileSync(dataFile);
  const record = readTreeRecord(data, databaseRecordOffset(dataFile, name));
  return record.root! * readMeta(data, 0).pageSize;
}
