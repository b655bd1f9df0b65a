// A node:test reporter (`node --test --test-reporter=<this file's URL>?fd=3`). It runs inside
// the `node --test` process and writes compact events (protocol.ts) to the fd named in its URL,
// a socket run.ts owns, never to stdout. It yields nothing: --test-reporter-destination gets no
// output (fd 3 is a socketpair, which Node's file destination cannot open).
import { Socket } from 'node:net';
import { resolve } from 'node:path';
import { inspect } from 'node:util';
import type { WireError, WireEvent } from './protocol.js';

interface NodeTestData {
  name?: string;
  nesting?: number;
  file?: string;
  line?: number;
  column?: number;
  skip?: boolean | string;
  todo?: boolean | string;
  message?: string;
  details?: { duration_ms?: number; type?: string; error?: unknown };
}

interface NodeTestEvent {
  type: string;
  data?: NodeTestData;
}

const MAX_OUTPUT = 4000;
/** A chunk a test file printed: the kernel keeps the last 32 KB of a file's output anyway. */
const MAX_CHUNK = 32_000;

export default async function* aqeReporter(source: AsyncIterable<NodeTestEvent>): AsyncGenerator<string> {
  const fd = Number(new URL(import.meta.url).searchParams.get('fd') ?? 3);
  const out = new Socket({ fd, readable: false, writable: true });
  const send = (event: WireEvent) => out.write(`${JSON.stringify(event)}\n`);
  const events = source[Symbol.asyncIterator]();
  // When a file finishes, Node reports the rest of its events, then the files that finished out
  // of turn behind it, all in the same tick. Once a setImmediate passes with no event queued,
  // that burst is over (report-router.ts finalizes its files at `idle`).
  let afterFile = false;
  let ended = false;
  for (;;) {
    const next = events.next();
    if (afterFile && (await Promise.race([next.then(() => false), new Promise<boolean>((done) => setImmediate(done, true))]))) {
      send({ type: 'idle' });
      afterFile = false;
    }
    const { done, value } = await next;
    if (done) break;
    const wire = toWire(value);
    // After the run's plan come its summary diagnostics (tests, pass, fail…): nothing to send.
    if (wire === undefined || ended) continue;
    if (wire.type === 'end') ended = true;
    if (wire.type === 'file:complete') afterFile = true;
    send(wire);
  }
  await new Promise<void>((closed) => out.end(closed));
}

function toWire({ type, data = {} }: NodeTestEvent): WireEvent | undefined {
  const { name, nesting = 0, file } = data;
  if (type === 'test:stdout' || type === 'test:stderr') {
    if (file === undefined) return undefined;
    return { type: 'output', stream: type === 'test:stdout' ? 'stdout' : 'stderr', file, message: String(data.message ?? '').slice(-MAX_CHUNK) };
  }
  if (type === 'test:plan') return file === undefined && nesting === 0 ? { type: 'end' } : undefined;
  if (type === 'test:diagnostic') return { type: 'diagnostic', nesting, message: String(data.message ?? '').slice(0, MAX_OUTPUT) };
  if (name === undefined) return undefined;
  // The test Node makes for each file: named by the file's path, at 1:1 of it.
  if (nesting === 0 && file !== undefined && data.line === 1 && data.column === 1 && resolve(name) === file) {
    switch (type) {
      case 'test:enqueue':
        return { type: 'file:enqueue', file };
      case 'test:dequeue':
        return { type: 'file:dequeue', file };
      case 'test:complete':
        return { type: 'file:complete', file, durationMs: data.details?.duration_ms ?? 0, ...errorOf(data) };
      case 'test:pass':
      case 'test:fail':
        return { type: 'file:report', file };
      default:
        return undefined;
    }
  }
  const where = { name, nesting, ...(file === undefined ? {} : { file }), ...(data.line === undefined ? {} : { line: data.line }), ...(data.column === undefined ? {} : { column: data.column }) };
  if (type === 'test:start') return { type: 'test:start', ...where };
  if (type !== 'test:pass' && type !== 'test:fail') return undefined;
  return {
    type: 'test:result',
    ...where,
    passed: type === 'test:pass',
    suite: data.details?.type === 'suite',
    ...(data.skip === undefined || data.skip === false ? {} : { skip: data.skip }),
    ...(data.todo === undefined || data.todo === false ? {} : { todo: data.todo }),
    durationMs: data.details?.duration_ms ?? 0,
    ...errorOf(data),
  };
}

function errorOf(data: NodeTestData): { error?: WireError } {
  const error = data.details?.error;
  return error === undefined || error === null ? {} : { error: wireError(error) };
}

/** Node wraps what a test threw in ERR_TEST_FAILURE (`cause`); assertion errors carry expected/actual. */
export function wireError(error: unknown): WireError {
  const outer = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as Record<string, unknown>;
  const cause = outer.cause;
  const inner = typeof cause === 'object' && cause !== null ? (cause as Record<string, unknown>) : undefined;
  const message = inner ? (typeof inner.message === 'string' ? inner.message : inspect(inner)) : typeof cause === 'string' ? cause : String(outer.message ?? '');
  const wire: WireError = { message };
  const stack = inner?.stack ?? (inner ? undefined : outer.stack);
  if (typeof stack === 'string') wire.stack = stack;
  if (typeof inner?.name === 'string') wire.name = inner.name;
  if (typeof outer.failureType === 'string') wire.failureType = outer.failureType;
  if (inner && (inner.code === 'ERR_ASSERTION' || inner.name === 'AssertionError') && inner.operator !== 'fail' && (inner.expected !== undefined || inner.actual !== undefined)) {
    wire.expected = show(inner.expected);
    wire.actual = show(inner.actual);
  }
  if (typeof inner?.operator === 'string') wire.operator = inner.operator;
  if ('exitCode' in outer) wire.exitCode = typeof outer.exitCode === 'number' ? outer.exitCode : null;
  if ('signal' in outer) wire.signal = typeof outer.signal === 'string' ? outer.signal : null;
  return wire;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : inspect(value, { depth: 10 });
}
