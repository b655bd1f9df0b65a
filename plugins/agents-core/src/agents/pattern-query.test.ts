import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@aqe/kernel';
import { openStore } from '@aqe/kernel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextWith, recordHistory, runOf } from '../test-support/run-builder.js';
import classifier from './failure-classifier.js';
import patternQuery from './pattern-query.js';

let dir: string;
let store: Store;
const storePath = () => join(dir, 'store');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aqe-pattern-query-'));
  store = await openStore({ path: storePath() });
  // Two runs: the assertion fails twice, the refused connection once.
  const result = runOf([
    { file: 'tests/a.test.ts', title: 'adds', status: 'failed', error: { message: 'expected 3 to be 4 // Object.is equality', stack: 'AssertionError: expected 3 to be 4' } },
    { file: 'tests/b.test.ts', title: 'subtracts', status: 'failed', error: { message: 'expected 1 to be 0 // Object.is equality', stack: 'AssertionError: expected 1 to be 0' } },
    { file: 'tests/env.test.ts', title: 'connects', status: 'failed', error: { message: 'connect ECONNREFUSED 127.0.0.1:5432' } },
  ]);
  await recordHistory(store, result, {});
  await classifier.run({ result, root: dir }, contextWith(store));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pattern-query', () => {
  it('lists every signature, most often seen first, with its class and statistics', async () => {
    const { patterns } = await patternQuery.run({}, contextWith(store));
    expect(patterns.map((p) => [p.errorType, p.template, p.class, p.occurrences])).toEqual([
      ['AssertionError', 'expected <n> to be <n> // Object.is equality', 'regression', 2],
      ['Error', 'connect ECONNREFUSED <host>:<n>', 'environment', 1],
    ]);
    expect(patterns[0]!.similarity).toBeUndefined();
  });

  it('finds the signatures nearest a failure text, most similar first', async () => {
    const { patterns } = await patternQuery.run({ text: 'AssertionError: expected 10 to be 12 // Object.is equality' }, contextWith(store));
    expect(patterns).toHaveLength(1);
    expect(patterns[0]).toMatchObject({ template: 'expected <n> to be <n> // Object.is equality', similarity: 1 });
  });

  it('filters by class and limits the list', async () => {
    expect((await patternQuery.run({ class: 'environment' }, contextWith(store))).patterns.map((p) => p.class)).toEqual(['environment']);
    expect((await patternQuery.run({ limit: 1 }, contextWith(store))).patterns).toHaveLength(1);
    expect((await patternQuery.run({ class: 'flaky' }, contextWith(store))).patterns).toEqual([]);
  });

  it('matches against what an earlier process stored, without re-learning', async () => {
    await store.close();
    store = await openStore({ path: storePath() });
    const { patterns } = await patternQuery.run({ text: 'Error: connect ECONNREFUSED 10.0.0.7:6379' }, contextWith(store));
    expect(patterns.map((p) => p.template)).toEqual(['connect ECONNREFUSED <host>:<n>']);
  });
});

describe('pattern bank shared between workers', () => {
  it('finds a signature another worker added after this one built its index', async () => {
    const other = await openStore({ path: storePath() });
    try {
      const probe = { text: 'Error: spawn chromium ENOENT' };
      expect((await patternQuery.run(probe, contextWith(other))).patterns).toEqual([]);
      const result = runOf([{ file: 'tests/e2e.test.ts', title: 'opens', status: 'failed', error: { message: 'spawn chromium ENOENT' } }]);
      await classifier.run({ result, root: dir }, contextWith(store));
      const { patterns } = await patternQuery.run(probe, contextWith(other));
      expect(patterns.map((p) => [p.template, p.class, p.similarity])).toEqual([['spawn chromium ENOENT', 'environment', 1]]);
    } finally {
      await other.close();
    }
  });
});
