import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FailureClassification, RunResult, Store } from '@aqe/kernel';
import { openStore } from '@aqe/kernel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextWith, recordHistory, runOf } from '../test-support/run-builder.js';
import classifier from './failure-classifier.js';
import patternQuery from './pattern-query.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aqe-classifier-'));
  store = await openStore({ path: join(dir, '.aqe/store') });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const assertion = (got: number, want: number, file = 'tests/price.test.ts') => ({
  message: `expected ${got} to be ${want} // Object.is equality`,
  stack: `AssertionError: expected ${got} to be ${want} // Object.is equality\n    at ${dir}/${file}:5:38\n    at file:///x/node_modules/@vitest/runner/dist/index.js:1:1`,
});
const refused = (port: number) => ({ message: `connect ECONNREFUSED 127.0.0.1:${port}`, stack: `Error: connect ECONNREFUSED 127.0.0.1:${port}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)` });
const snapshotMismatch = { message: 'Snapshot `describes a price 1` mismatched', stack: 'Error: Snapshot `describes a price 1` mismatched\n    at assertMatchResult (file:///x/node_modules/vitest/dist/chunks/test.js:4027:23)' };

/** What the kernel does for one run: record the history, then hand the result to the agent. */
async function run(result: RunResult, hashes: Record<string, string> = {}): Promise<FailureClassification[]> {
  await recordHistory(store, result, hashes);
  return classifier.run({ result, root: dir }, contextWith(store));
}

const flipping = (status: 'passed' | 'failed') => runOf([{ file: 'tests/price.test.ts', title: 'discount', status, ...(status === 'failed' ? { error: assertion(162, 180) } : {}) }]);

describe('failure-classifier', () => {
  it('classifies each failed test and each file-level error, sorted by test id, with the action to take', async () => {
    const result = runOf(
      [
        { file: 'tests/price.test.ts', title: 'discount', status: 'failed', error: assertion(162, 180) },
        { file: 'tests/price.test.ts', title: 'no discount', status: 'passed' },
        { file: 'tests/env.test.ts', title: 'reaches the service', status: 'failed', error: refused(40749) },
        { file: 'tests/snapshot.test.ts', title: 'describes a price', status: 'failed', error: snapshotMismatch },
        { file: 'tests/other.test.ts', title: 'skipped', status: 'skipped' },
      ],
      [{ file: 'tests/broken.test.ts', error: { message: 'Unexpected token }', stack: 'SyntaxError: Unexpected token }' } }],
    );
    const out = await run(result);
    expect(out.map((c) => [c.testId, c.class, c.action])).toEqual([
      ['tests/broken.test.ts', 'regression', 'fix_test_failures'],
      ['tests/env.test.ts > reaches the service', 'environment', 'check_environment'],
      ['tests/price.test.ts > discount', 'regression', 'fix_test_failures'],
      ['tests/snapshot.test.ts > describes a price', 'snapshot', 'update_snapshots'],
    ]);
    for (const c of out) {
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.signature).toMatch(/^[0-9a-f]{16}$/);
      expect(c.reason).not.toMatch(/\(it |similar failure/);
    }
    expect(out[1]!.reason).toMatch(/^A network resource/);
  });

  it('learns that a failure which passes again unchanged is flaky, as the evidence accumulates', async () => {
    const classes: string[] = [];
    const confidences: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [c] = await run(flipping('failed'), { 'tests/price.test.ts': 'h1' });
      classes.push(c!.class);
      confidences.push(c!.confidence);
      await run(flipping('passed'), { 'tests/price.test.ts': 'h1' });
    }
    expect(classes).toEqual(['regression', 'regression', 'flaky', 'flaky']);
    expect(confidences[3]).toBeGreaterThan(confidences[2]!);
    const [c] = await run(flipping('failed'), { 'tests/price.test.ts': 'h1' });
    expect(c).toMatchObject({ class: 'flaky', action: 'confirm_flaky' });
    expect(c!.reason).toMatch(/\(it passed on a re-run without a change 4 times\)\.$/);
  });

  it('learns a fix by code change when the test file changed before it passed', async () => {
    await run(flipping('failed'), { 'tests/price.test.ts': 'h1' });
    await run(flipping('passed'), { 'tests/price.test.ts': 'h2' });
    await run(flipping('passed'), { 'tests/price.test.ts': 'h2' });
    const { patterns } = await patternQuery.run({}, contextWith(store));
    expect(patterns).toHaveLength(1);
    expect(patterns[0]).toMatchObject({ class: 'regression', occurrences: 1, outcomes: { fixed_by_code_change: 1 } });
  });

  it('learns a snapshot update when the snapshot file changed before the test passed', async () => {
    const snap = join(dir, 'tests/__snapshots__/snapshot.test.ts.snap');
    mkdirSync(join(dir, 'tests/__snapshots__'), { recursive: true });
    const snapshotRun = (status: 'passed' | 'failed') => runOf([{ file: 'tests/snapshot.test.ts', title: 'describes a price', status, ...(status === 'failed' ? { error: snapshotMismatch } : {}) }]);
    writeFileSync(snap, 'old');
    await run(snapshotRun('failed'), { 'tests/snapshot.test.ts': 'h1' });
    writeFileSync(snap, 'new');
    await run(snapshotRun('passed'), { 'tests/snapshot.test.ts': 'h1' });
    const { patterns } = await patternQuery.run({ class: 'snapshot' }, contextWith(store));
    expect(patterns[0]).toMatchObject({ errorType: 'Error', template: 'Snapshot <str> mismatched', outcomes: { fixed_by_snapshot_update: 1 } });
  });

  it('lends the outcomes of a similar known failure to a new one', async () => {
    for (let i = 0; i < 3; i++) {
      await run(flipping('failed'), { 'tests/price.test.ts': 'h1' });
      await run(flipping('passed'), { 'tests/price.test.ts': 'h1' });
    }
    const [c] = await run(runOf([{ file: 'tests/cart.test.ts', title: 'total', status: 'failed', error: assertion(3, 4, 'tests/cart.test.ts') }]));
    expect(c!.reason).toMatch(/a similar failure \(\d+% alike\) passed on a re-run without a change 3 times/);
  });

  it('gives the same output for the same store and input', async () => {
    const other = await openStore({ path: join(dir, 'other-store') });
    try {
      const result = runOf([{ file: 'tests/price.test.ts', title: 'discount', status: 'failed', error: assertion(162, 180) }]);
      await recordHistory(other, result, {});
      const a = await run(result);
      const b = await classifier.run({ result, root: dir }, contextWith(other));
      expect(b).toEqual(a);
    } finally {
      await other.close();
    }
  });
});
