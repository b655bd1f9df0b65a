import { describe, expect, it } from 'vitest';
import type { TestCase, TestFileResult } from '../types/results.js';
import { RunCollector } from './run-collector.js';

const test = (file: string, title: string, status: TestCase['status'] = 'passed'): TestCase => ({ id: `${file} > ${title}`, file, titlePath: [title], status, durationMs: 1, retries: 0 });

function collector() {
  const events: string[] = [];
  const c = new RunCollector('demo', {
    root: '/repo',
    detection: { runner: 'demo', configFiles: [] },
    onFileStart: (f) => events.push(`start ${f}`),
    onTestResult: (t) => events.push(`test ${t.id}`),
    onFileResult: (r: TestFileResult) => events.push(`file ${r.file} ${r.status}`),
  });
  return { c, events };
}

describe('RunCollector', () => {
  it('streams start, tests and the file result once each, in order, and sets the status by the one rule', () => {
    const { c, events } = collector();
    c.test('a.test.js', test('a.test.js', 'one'));
    c.finish('a.test.js', { durationMs: 3.4, tests: [test('a.test.js', 'two', 'failed')] });
    c.finish('a.test.js', { durationMs: 9 });
    c.finish('b.test.js', { tests: [test('b.test.js', 'x', 'skipped')] });
    expect(events).toEqual(['start a.test.js', 'test a.test.js > one', 'test a.test.js > two', 'file a.test.js failed', 'start b.test.js', 'test b.test.js > x', 'file b.test.js skipped']);
    const { files, summary } = c.result(performance.now());
    expect(files.map((f) => [f.file, f.status, f.durationMs])).toEqual([
      ['a.test.js', 'failed', 3],
      ['b.test.js', 'skipped', 0],
    ]);
    expect(summary).toMatchObject({ files: 2, tests: 3, passed: 1, failed: 1, skipped: 1 });
  });

  it("keeps a file's own output (outside its tests) on its result, and none when it printed nothing", () => {
    const { c } = collector();
    c.finish('a.test.js', {
      output: [
        { stream: 'stdout', text: 'top\n' },
        { stream: 'stderr', text: 'hook\n' },
      ],
    });
    c.finish('b.test.js', { output: [] });
    const [a, b] = c.result(0).files;
    expect(a!.output).toEqual([
      { stream: 'stdout', text: 'top\n' },
      { stream: 'stderr', text: 'hook\n' },
    ]);
    expect(b).not.toHaveProperty('output');
  });

  it("adds what a streamed test printed, told at its file's end, to the test's own output on the file's result", () => {
    const { c } = collector();
    c.test('a.test.js', { ...test('a.test.js', 'one'), output: [{ stream: 'stdout', text: 'early\n' }] });
    c.test('a.test.js', test('a.test.js', 'two'));
    c.finish('a.test.js', { testOutput: (t) => (t.id === 'a.test.js > two' ? [] : [{ stream: 'stderr', text: `late ${t.id}\n` }]) });
    expect(c.result(0).files[0]!.tests.map((t) => t.output)).toEqual([
      [
        { stream: 'stdout', text: 'early\n' },
        { stream: 'stderr', text: 'late a.test.js > one\n' },
      ],
      undefined,
    ]);
  });

  it('keeps two tests with the same title path as two, with distinct ids', () => {
    const { c } = collector();
    c.finish('a.test.js', { tests: [test('a.test.js', 'same'), test('a.test.js', 'same')] });
    expect(c.result(0).files[0]!.tests.map((t) => t.id)).toEqual(['a.test.js > same', 'a.test.js > same (2)']);
  });

  it('settles files the framework never finished: failed with the reason, or left out when there is none', () => {
    const { c } = collector();
    c.test('half.test.js', test('half.test.js', 'ran'));
    c.settle(['half.test.js', 'never.test.js', 'skipped.test.js'], (file) => (file === 'skipped.test.js' ? undefined : { message: 'crashed' }));
    const files = c.result(0).files;
    expect(files.map((f) => [f.file, f.status, f.tests.length, f.error?.message])).toEqual([
      ['half.test.js', 'failed', 1, 'crashed'],
      ['never.test.js', 'failed', 0, 'crashed'],
    ]);
    expect(c.anyFailed).toBe(true);
  });

  it('reports a file whose tests the name filter all left out as skipped, and one without tests as passed', () => {
    const { c } = collector();
    c.finish('filtered.test.js', { filtered: true });
    c.finish('empty.test.js');
    c.finish('some.test.js', { filtered: true, tests: [test('some.test.js', 'kept')] });
    expect(c.result(0).files.map((f) => [f.file, f.status])).toEqual([
      ['empty.test.js', 'passed'],
      ['filtered.test.js', 'skipped'],
      ['some.test.js', 'passed'],
    ]);
  });
});
