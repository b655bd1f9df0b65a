import { describe, expect, it } from 'vitest';
import type { WireEvent } from './protocol.js';
import { ReportRouter } from './report-router.js';

/** Feeds events and records, per file, what the router routed to it and when it finalized. */
function route(events: WireEvent[]) {
  const log: string[] = [];
  const router = new ReportRouter({
    started: (file) => log.push(`start ${name(file)}`),
    event: (file, event) => log.push(`${name(file)}: ${event.type === 'test:result' || event.type === 'test:start' ? `${event.type} ${event.name}` : event.type}`),
    completed: (file) => log.push(`complete ${name(file)}`),
    finalized: (file) => log.push(`done ${name(file)}`),
  });
  for (const event of events) router.push(event);
  router.close();
  return { log, unfinished: router.unfinished().map(name) };
}

const name = (file: string) => file.slice(1, -8);
const f = (n: string) => `/${n}.test.js`;
const enqueue = (n: string): WireEvent => ({ type: 'file:enqueue', file: f(n) });
const dequeue = (n: string): WireEvent => ({ type: 'file:dequeue', file: f(n) });
const complete = (n: string): WireEvent => ({ type: 'file:complete', file: f(n), durationMs: 1 });
const report = (n: string): WireEvent => ({ type: 'file:report', file: f(n) });
const start = (n: string, test: string, declaredIn = f(n)): WireEvent => ({ type: 'test:start', name: test, nesting: 0, file: declaredIn, line: 1, column: 1 });
const result = (n: string, test: string, declaredIn = f(n)): WireEvent => ({ type: 'test:result', name: test, nesting: 0, file: declaredIn, passed: true, suite: false, durationMs: 1 });
const stdout = (n: string): WireEvent => ({ type: 'output', stream: 'stdout', file: f(n) });
const idle: WireEvent = { type: 'idle' };
const end: WireEvent = { type: 'end' };

describe('ReportRouter', () => {
  it('finalizes files run one at a time as they complete', () => {
    const { log } = route([enqueue('a'), dequeue('a'), enqueue('b'), start('a', 'x'), result('a', 'x'), complete('a'), dequeue('b'), start('b', 'y'), result('b', 'y'), complete('b'), idle, end]);
    expect(log).toEqual(['start a', 'a: test:start x', 'a: test:result x', 'complete a', 'done a', 'start b', 'b: test:start y', 'b: test:result y', 'complete b', 'done b']);
  });

  it('waits for the end of the burst: a head file reports what it buffered after its completion', () => {
    // b became the head while its events were held back; they come out after its completion.
    const { log } = route([enqueue('a'), enqueue('b'), complete('a'), idle, complete('b'), start('b', 'y'), result('b', 'y'), idle, end]);
    expect(log).toEqual(['complete a', 'done a', 'complete b', 'b: test:start y', 'b: test:result y', 'done b']);
  });

  it('splits a burst of held-back files by the files their events name', () => {
    const { log } = route([
      enqueue('a'),
      enqueue('b'),
      enqueue('c'),
      enqueue('d'),
      complete('b'),
      idle,
      complete('c'),
      idle,
      start('a', 'x'),
      result('a', 'x'),
      complete('a'),
      // The burst: b (tests only, no own report), then c (output first, a helper-declared test).
      start('b', 'y'),
      result('b', 'y'),
      stdout('c'),
      start('c', 'z', '/helper.js'),
      result('c', 'z', '/helper.js'),
      dequeue('d'),
      start('d', 'w'),
      result('d', 'w'),
      complete('d'),
      end,
    ]);
    expect(log).toEqual([
      'complete b',
      'complete c',
      'a: test:start x',
      'a: test:result x',
      'complete a',
      'done a',
      'b: test:start y',
      'b: test:result y',
      'done b',
      'c: output',
      'c: test:start z',
      'c: test:result z',
      'done c',
      'start d',
      'd: test:start w',
      'd: test:result w',
      'complete d',
      'done d',
    ]);
  });

  it('ends a held-back file at its own report', () => {
    const { log } = route([enqueue('a'), enqueue('b'), complete('b'), idle, complete('a'), report('b'), start('a', 'late', f('b')), idle, end]);
    // Nothing is left to report after b: a stray event has no file to go to.
    expect(log).toEqual(['complete b', 'complete a', 'done a', 'done b']);
  });

  it('keeps a running head’s events even when they name a later test file', () => {
    const { log } = route([enqueue('a'), enqueue('b'), start('a', 'imported', f('b')), result('a', 'imported', f('b')), complete('a'), idle]);
    expect(log).toEqual(['a: test:start imported', 'a: test:result imported', 'complete a', 'done a']);
  });

  it('leaves files that never completed unfinished', () => {
    const { log, unfinished } = route([enqueue('a'), enqueue('b'), dequeue('a'), start('a', 'x')]);
    expect(log).toEqual(['start a', 'a: test:start x']);
    expect(unfinished).toEqual(['a', 'b']);
  });
});
