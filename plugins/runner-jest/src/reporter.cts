/**
 * The Jest reporter aqe's run passes with --reporters (dist/reporter.cjs, CommonJS because
 * Jest requires reporters). It runs in Jest's main process and forwards each file start,
 * test result and file result as one JSON line on the descriptor in AQE_JEST_EVENTS_FD.
 * Writes are synchronous: nothing is lost when Jest exits right after (--bail).
 */
import fs = require('node:fs');
import eventChannel = require('@aqe/kernel/event-channel');
import nodeModule = require('node:module');
import util = require('node:util');
import type { JestFailure, JestRunEvent, JestTestCase } from './run-protocol.js';

/** The slices of Jest's reporter arguments used here (no dependency on @jest/reporters). */
interface JestTest {
  path: string;
  context?: { config?: { id?: string } };
}
interface AssertionResult {
  ancestorTitles: string[];
  title: string;
  status: string;
  duration?: number | null;
  invocations?: number;
  location?: { line: number; column: number } | null;
  failureMessages?: string[];
  failureDetails?: unknown[];
}
interface TestResult {
  testResults: AssertionResult[];
  testExecError?: { message?: unknown; stack?: unknown } | null;
  perfStats?: { start?: number; end?: number; runtime?: number };
}
type PrettyFormat = (value: unknown) => string;

const fd = Number(process.env.AQE_JEST_EVENTS_FD);
// With jest.retryTimes, Jest reports every attempt; a failed one may be followed by another.
const retrying = Number(process.env.AQE_JEST_RETRIES) > 0;
const send = eventChannel.createEventSender<JestRunEvent>(fd);

class AqeJestReporter {
  /** Per file run, how many results of each test were sent as `test` events. */
  private readonly sent = new Map<string, Map<string, number>>();

  onTestFileStart(test: JestTest): void {
    send({ type: 'file-start', path: test.path });
  }

  onTestCaseResult(test: JestTest, result: AssertionResult): void {
    if (retrying && result.status === 'failed') return;
    const counts = this.sent.get(runKey(test)) ?? new Map<string, number>();
    this.sent.set(runKey(test), counts);
    counts.set(caseKey(result), (counts.get(caseKey(result)) ?? 0) + 1);
    send({ type: 'test', path: test.path, test: toTestCase(result) });
  }

  onTestFileResult(test: JestTest, result: TestResult): void {
    const counts = this.sent.get(runKey(test));
    this.sent.delete(runKey(test));
    const rest = result.testResults.filter((r) => {
      const n = counts?.get(caseKey(r)) ?? 0;
      if (n > 0) counts!.set(caseKey(r), n - 1);
      return n === 0;
    });
    const perf = result.perfStats ?? {};
    const durationMs = perf.runtime || (perf.end && perf.start ? perf.end - perf.start : 0);
    const exec = result.testExecError;
    send({
      type: 'file-result',
      path: test.path,
      durationMs: Math.max(0, durationMs),
      tests: rest.map(toTestCase),
      ...(exec ? { execError: { message: String(exec.message ?? ''), ...(typeof exec.stack === 'string' ? { stack: exec.stack } : {}) } } : {}),
    });
  }

  onRunComplete(): void {
    send({ type: 'run-complete' });
  }

  getLastError(): undefined {
    return undefined;
  }
}

/** A file runs once per Jest project that claims it. */
function runKey(test: JestTest): string {
  return `${test.context?.config?.id ?? ''}\0${test.path}`;
}

function caseKey(r: AssertionResult): string {
  return JSON.stringify([r.ancestorTitles, r.title, r.location?.line, r.location?.column]);
}

function toTestCase(r: AssertionResult): JestTestCase {
  const messages = r.failureMessages ?? [];
  return {
    ancestorTitles: r.ancestorTitles,
    title: r.title,
    status: r.status,
    durationMs: typeof r.duration === 'number' ? r.duration : null,
    invocations: r.invocations ?? 1,
    location: r.location ?? null,
    failures: messages.map((text, i) => toFailure(text, r.failureDetails?.[i])),
  };
}

/**
 * failureDetails holds the thrown values. In Jest's own process they are the errors; from
 * a worker they arrive as plain objects without message or stack, but matcherResult survives.
 */
function toFailure(text: string, detail: unknown): JestFailure {
  const error = isObject(detail) ? detail : undefined;
  const matcher = isObject(error?.matcherResult) ? error.matcherResult : undefined;
  const message = nonEmpty(error?.message) ?? nonEmpty(matcher?.message);
  return {
    stack: text,
    ...(message === undefined ? {} : { message }),
    ...(matcher && 'expected' in matcher ? { expected: serialise(matcher.expected) } : {}),
    ...(matcher && 'actual' in matcher ? { actual: serialise(matcher.actual) } : {}),
  };
}

let prettyFormat: PrettyFormat | undefined;

/** Strings as they are (an editor diffs them); other values as Jest's diffs print them. */
function serialise(value: unknown): string {
  if (typeof value === 'string') return value;
  prettyFormat ??= loadPrettyFormat();
  try {
    return prettyFormat(value);
  } catch {
    return util.inspect(value, { depth: 10 });
  }
}

/** Jest's pretty-format with the plugins jest-diff uses, found from the project's Jest. */
function loadPrettyFormat(): PrettyFormat {
  const cli = process.env.AQE_JEST_CLI;
  for (const chain of [['@jest/core', 'pretty-format'], ['jest-config', 'pretty-format']]) {
    try {
      let req = nodeModule.createRequire(cli ?? __filename);
      for (const id of chain.slice(0, -1)) req = nodeModule.createRequire(req.resolve(id));
      const pf = req(chain.at(-1)!) as { format: (value: unknown, options: object) => string; plugins: Record<string, unknown> };
      const { AsymmetricMatcher, DOMCollection, DOMElement, Immutable, ReactElement, ReactTestComponent } = pf.plugins;
      const plugins = [ReactTestComponent, ReactElement, DOMElement, DOMCollection, Immutable, AsymmetricMatcher].filter(Boolean);
      return (value) => pf.format(value, { plugins, indent: 2 });
    } catch {
      // Try the next way in.
    }
  }
  return (value) => util.inspect(value, { depth: 10 });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export = AqeJestReporter;
