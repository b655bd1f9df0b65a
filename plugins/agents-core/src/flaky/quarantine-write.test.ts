import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QuarantineEntry } from '@aqe/kernel';
import { loadQuarantine } from '@aqe/kernel/run';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeQuarantine, today, writeQuarantine } from './quarantine-write.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const entry = (id: string, reason = 'flaky', since = '2026-02-03'): QuarantineEntry => ({ id, file: id.split(' > ')[0]!, titlePath: id.split(' > ').slice(1), reason, since });

describe('mergeQuarantine', () => {
  it('keeps existing entries as written, adds new ones, and sorts by id', () => {
    const existing = { version: 1 as const, tests: [entry('b.test.js > kept', 'hand-written reason', '2025-12-24')] };
    const { file, added } = mergeQuarantine(existing, [entry('c.test.js > new'), entry('b.test.js > kept', 'machine reason'), entry('a.test.js > new')]);
    expect(file.tests.map((t) => [t.id, t.reason, t.since])).toEqual([
      ['a.test.js > new', 'flaky', '2026-02-03'],
      ['b.test.js > kept', 'hand-written reason', '2025-12-24'],
      ['c.test.js > new', 'flaky', '2026-02-03'],
    ]);
    expect(added).toEqual(['a.test.js > new', 'c.test.js > new']);
  });
});

describe('writeQuarantine', () => {
  it('writes a file that aqe run loads back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aqe-quarantine-'));
    dirs.push(root);
    writeFileSync(join(root, 'aqe.quarantine.json'), JSON.stringify({ version: 1, tests: [{ id: 'x.test.js > by hand' }] }));
    const report = await writeQuarantine(root, [entry('a.test.js > coin')]);
    expect(report).toEqual({ file: 'aqe.quarantine.json', added: ['a.test.js > coin'], total: 2 });
    expect((await loadQuarantine(root))?.tests.map((t) => t.id)).toEqual(['a.test.js > coin', 'x.test.js > by hand']);
    expect(readFileSync(join(root, 'aqe.quarantine.json'), 'utf8')).toMatch(/^\{\n {2}"version": 1,\n {2}"tests": \[\n/);
  });
});

describe('today', () => {
  it('is the UTC date', () => {
    expect(today(new Date('2026-03-04T23:59:59Z'))).toBe('2026-03-04');
  });
});

describe('writeQuarantine with nothing to add', () => {
  it('does not create the file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aqe-quarantine-'));
    dirs.push(root);
    expect(await writeQuarantine(root, [])).toEqual({ file: 'aqe.quarantine.json', added: [], total: 0 });
    expect(await loadQuarantine(root)).toBeNull();
  });
});
