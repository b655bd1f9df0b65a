import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@aqe/kernel';
import { openStore } from '@aqe/kernel/store';
import type { AgentContext } from '@aqe/workers/agent';
import { afterEach, describe, expect, it } from 'vitest';
import flakyHunter from './flaky-hunter.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function storeWith(records: Record<string, unknown>): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-flaky-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = await openStore({ path: join(dir, 'store') });
  cleanups.push(() => store.close());
  const db = store.db('history');
  for (const [key, value] of Object.entries(records)) await db.put(key, value);
  return store;
}

const ctx = (store: Store): AgentContext => ({ signal: new AbortController().signal, progress: () => {}, emit: () => {}, store, agent: { name: 'flaky-hunter', version: '0.1.0' } });
const run = (status: string, hash = 'h') => ({ status, durationMs: 3, hash, at: 1, commit: null, retries: 0 });

describe('flaky-hunter agent', () => {
  it('reads the kernel history and reports the tests that flipped with unchanged content', async () => {
    const store = await storeWith({
      'test:test/random.test.js > coin': [run('passed'), run('failed'), run('passed')],
      'test:test/stable.test.js > adds': [run('passed'), run('passed'), run('passed')],
      'test:test/edited.test.js > fixed': [run('failed', 'a'), run('passed', 'b')],
      'file:node\0test/random.test.js': { durationMs: 5, status: 'passed', hash: 'h', at: 1 },
      'test:test/garbage.test.js > x': 'not a list',
    });
    const out = await flakyHunter.run({}, ctx(store));
    expect(out.suspects.map((s) => [s.testId, s.flips, s.runs])).toEqual([['test/random.test.js > coin', 2, 3]]);
  });

  it('rejects an input that is not what the contract says', async () => {
    const store = await storeWith({});
    await expect(async () => flakyHunter.run({ limit: -1 }, ctx(store))).rejects.toThrow(/input\.limit must be a non-negative integer/);
    await expect(async () => flakyHunter.run({ files: 'a' as unknown as string[] }, ctx(store))).rejects.toThrow(/input\.files must be an array/);
  });
});
