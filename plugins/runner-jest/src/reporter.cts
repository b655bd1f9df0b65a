/**
 * The Jest reporter aqe's run passes with --reporters (dist/reporter.cjs, CommonJS because
 * Jest requires reporters). It runs in Jest's main process and forwards each file start,
 * test result and file result as one JSON line on the descriptor in AQE_JEST_EVENTS_FD.
 * Writes are synchronous: nothing is lost when Jest exits right after (--bail).
 */
import eventChannel = require('@aqe/kernel/event-channel');
import fs = require('node:fs');
import nodeModule = require('node:module');
import util = require('node:util');
import type { TestOutput } from '@aqe/kernel';
import consoleOwners = require('./console-owners.cjs');
import type { JestFailure, JestRunEvent, JestTestCase } from './run-protocol.js';

/** The slices of Jest's reporter arguments used here (no dependency on @jest/reporters). */
interface JestTest {
  path: string;
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
  /** Jest's BufferedConsole entries (absent with --silent, or verbose, where the console prints directly). */
  console?: { message?: unknown; type?: string; origin?: unknown }[] | null;
  testExecError?: { message?: unknown; stack?: unknown } | null;
  perfStats?: { start?: number; end?: number; runtime?: number };
}
type PrettyFormat = (value: unknown) => string;

const fd = Number(process.env.AQE_JEST_EVENTS_FD);
const send = eventChannel.createEventSender<JestRunEvent>(fd);
/** The console methods Node writes to stderr. */
const STDERR_TYPES = new Set(['error', 'warn', 'trace', 'assert']);
/** Statuses of tests that ran (and so may have printed). */
const RAN = new Set(['passed', 'failed', 'focused']);

/**
 * Jest 26 and later call onTestFileStart, onTestCaseResult (each test as it finishes) and
 * onTestFileResult; Jest 22 to 25 call only onTestStart and onTestResult (the file's tests
 * at its end). A newer Jest calls the older name only when the newer one is missing, so
 * both are defined and each event is sent once.
 */
class AqeJestReporter {
  /**
   * Per file, how many results of each test were sent as `test` events, so the file's
   * result sends the rest. Keyed by path alone: Jest gives onTestCaseResult the first
   * project's context whatever project runs the file (one test runner serves them all), so
   * a key with the project would never match the file's result of the second project and
   * its tests would be sent twice. A file two projects claim runs twice; each run's result
   * takes back as many as it holds of each test, which adds up whatever the interleaving.
   */
  private readonly sent = new Map<string, Map<string, number>>();
  private readonly projects: number;

  constructor(globalConfig?: { projects?: unknown[] }) {
    this.projects = Array.isArray(globalConfig?.projects) ? globalConfig.projects.length : 0;
  }

  onRunStart(results: { numTotalTestSuites?: number }): void {
    send({ type: 'run-start', runs: results.numTotalTestSuites ?? 0, projects: this.projects });
  }

  onTestFileStart(test: JestTest): void {
    send({ type: 'file-start', path: test.path });
  }

  onTestStart(test: JestTest): void {
    this.onTestFileStart(test);
  }

  /**
   * A failed test is sent with its file's result, not now: with jest.retryTimes (aqe's
   * retries, or the project's own) each attempt comes here and a failed one may be followed
   * by a passing one, while Jest counts the test once, by its last attempt.
   */
  onTestCaseResult(test: JestTest, result: AssertionResult): void {
    if (result.status === 'failed') return;
    const counts = this.sent.get(test.path) ?? new Map<string, number>();
    this.sent.set(test.path, counts);
    counts.set(caseKey(result), (counts.get(caseKey(result)) ?? 0) + 1);
    send({ type: 'test', path: test.path, test: toTestCase(result) });
  }

  /**
   * Jest hands over the file's console now: each test's part goes with it, or, for a test
   * sent before, as `testOutput` (see console-owners.cts).
   */
  onTestFileResult(test: JestTest, result: TestResult): void {
    const counts = this.sent.get(test.path);
    const isRest = result.testResults.map((r) => {
      const n = counts?.get(caseKey(r)) ?? 0;
      if (n > 0) counts!.set(caseKey(r), n - 1);
      return n === 0;
    });
    if (counts && [...counts.values()].every((n) => n === 0)) this.sent.delete(test.path);
    const printed = attribute(test.path, result.testResults, result.console ?? []);
    const rest = result.testResults.flatMap((r, i) => (isRest[i] ? [printed.tests[i]!.length > 0 ? { ...toTestCase(r), output: printed.tests[i]! } : toTestCase(r)] : []));
    const sentOutput = result.testResults.flatMap((r, i) => (!isRest[i] && printed.tests[i]!.length > 0 ? [{ titlePath: [...r.ancestorTitles, r.title], location: r.location ?? null, output: printed.tests[i]! }] : []));
    const perf = result.perfStats ?? {};
    const durationMs = perf.runtime || (perf.end && perf.start ? perf.end - perf.start : 0);
    const exec = result.testExecError;
    send({
      type: 'file-result',
      path: test.path,
      durationMs: Math.max(0, durationMs),
      tests: rest,
      ...(exec ? { execError: { message: String(exec.message ?? ''), ...(typeof exec.stack === 'string' ? { stack: exec.stack } : {}) } } : {}),
      ...(printed.file.length > 0 ? { output: printed.file } : {}),
      ...(sentOutput.length > 0 ? { testOutput: sentOutput } : {}),
    });
  }

  onTestResult(test: JestTest, result: TestResult): void {
    this.onTestFileResult(test, result);
  }

  onRunComplete(): void {
    send({ type: 'run-complete' });
  }

  getLastError(): undefined {
    return undefined;
  }
}

/**
 * The file's console entries on the tests that printed them, the rest on the file. The
 * source is read only when something was printed (the places are in it, source-mapped).
 */
function attribute(path: string, tests: readonly AssertionResult[], entries: NonNullable<TestResult['console']>): { tests: TestOutput[][]; file: TestOutput[] } {
  if (entries.length === 0) return { tests: tests.map(() => []), file: [] };
  let source: string | undefined;
  try {
    source = fs.readFileSync(path, 'utf8');
  } catch {
    // The next test's declaration bounds each body then.
  }
  const declared = tests.map((r) => ({ location: r.location, ran: RAN.has(r.status) }));
  const printed = entries.map((entry) => ({
    origin: entry.origin,
    output: { stream: STDERR_TYPES.has(entry.type ?? '') ? ('stderr' as const) : ('stdout' as const), text: `${String(entry.message ?? '')}\n` },
  }));
  return consoleOwners.attributeConsole(path, source, declared, printed);
}

/** A test's identity within its file, with its status (what was sent is never a failed attempt a retry replaced). */
function caseKey(r: AssertionResult): string {
  return JSON.stringify([r.ancestorTitles, r.title, r.location?.line, r.location?.column, r.status]);
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

/**
 * Jest's pretty-format with the plugins jest-diff uses, found from the project's Jest
 * (jest-config depends on it in every version; @jest/core only from Jest 24).
 */
function loadPrettyFormat(): PrettyFormat {
  const cli = process.env.AQE_JEST_CLI;
  for (const chain of [
    ['jest-config', 'pretty-format'],
    ['@jest/core', 'pretty-format'],
  ]) {
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
