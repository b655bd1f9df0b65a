/**
 * The reporter run-child.ts installs on Vitest 3 and later (the reporter API of test
 * modules and test cases, `onTestModuleStart` … `onTestRunEnd`): turns them into protocol
 * messages as Vitest reports them. Vitest's objects are typed structurally here, so nothing
 * is imported from the project's Vitest. Vitest 1–2: task-reporter.ts.
 */
import type { WireTestState } from '../protocol.js';
import { ConsoleLogs, type UserConsoleLogLike } from './console-logs.js';
import type { ReporterOptions } from './reporter-options.js';
import { round, type SerializedErrorLike, toWire, unhandled } from './wire-error.js';

interface ProjectLike {
  name: string;
}

interface TestCaseLike {
  readonly type: 'test';
  readonly id: string;
  readonly name: string;
  readonly parent: TestSuiteLike | TestModuleLike;
  readonly module: TestModuleLike;
  readonly location?: { line: number; column: number } | undefined;
  readonly options: { mode: string };
  result(): { state: string; errors?: readonly SerializedErrorLike[] | undefined };
  diagnostic(): { duration: number; retryCount: number } | undefined;
}

interface TestSuiteLike {
  readonly type: 'suite';
  readonly id: string;
  readonly name: string;
  readonly fullName: string;
  readonly parent: TestSuiteLike | TestModuleLike;
  errors(): readonly SerializedErrorLike[];
}

interface TestModuleLike {
  readonly type: 'module';
  readonly id: string;
  readonly moduleId: string;
  readonly project: ProjectLike;
  readonly children: { allTests(): Iterable<TestCaseLike>; allSuites(): Iterable<TestSuiteLike> };
  state(): string;
  errors(): readonly SerializedErrorLike[];
  diagnostic(): { environmentSetupDuration: number; prepareDuration: number; collectDuration: number; setupDuration: number; duration: number };
}

export class ModuleReporter {
  readonly #options: ReporterOptions;
  readonly #reported = new Set<string>();
  /** Unhandled errors already attached to a module. */
  readonly #claimed = new Set<unknown>();
  readonly #logs = new ConsoleLogs();
  #failedModules = 0;
  #cancelled = false;

  constructor(options: ReporterOptions) {
    this.#options = options;
  }

  onUserConsoleLog(log: UserConsoleLogLike): void {
    if (this.#options.output) this.#logs.add(log);
  }

  onTestModuleStart(module: TestModuleLike): void {
    this.#options.send({ type: 'module-start', file: module.moduleId, project: module.project.name });
  }

  onTestCaseResult(test: TestCaseLike): void {
    this.#sendTest(test);
  }

  onTestModuleEnd(module: TestModuleLike): void {
    // Tests skipped at collection (skip, todo, -t) or cut off by a cancel may have no own event.
    for (const test of module.children.allTests()) this.#sendTest(test);
    const errors = module.errors().map((error) => toWire(error));
    for (const suite of module.children.allSuites()) {
      for (const error of suite.errors()) errors.push(toWire(error, `describe "${suite.fullName}": `));
    }
    // Errors Vitest caught while this file ran (an unhandled rejection, say): the file failed.
    for (const error of this.#options.vitest.state?.getUnhandledErrors?.() ?? []) {
      const e = error as SerializedErrorLike;
      if (!this.#claimed.has(error) && e?.VITEST_TEST_PATH === module.moduleId) {
        this.#claimed.add(error);
        errors.push(unhandled(e));
      }
    }
    // Module scope, describe-level hooks, and tests' output that came after their result.
    const output = this.#logs.take([module.id, ...ids(module.children.allSuites()), ...ids(module.children.allTests())]);
    const state = module.state();
    const d = module.diagnostic();
    const durationMs = d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
    this.#options.send({ type: 'module-end', file: module.moduleId, project: module.project.name, state, durationMs: round(durationMs), errors, ...(output ? { output } : {}) });
    if (state === 'failed' || errors.length > 0) this.#failedModules++;
    if (this.#options.bail > 0 && !this.#cancelled && this.#failedModules >= this.#options.bail) {
      // File-level bail: Vitest's own `bail` counts failed tests and would cut this file short.
      this.#cancelled = true;
      void this.#options.vitest.cancelCurrentRun('test-failure');
    }
  }

  onTestRunEnd(_modules: readonly unknown[], unhandledErrors: readonly unknown[], reason: string): void {
    const rest = unhandledErrors.filter((error) => !this.#claimed.has(error));
    this.#options.send({
      type: 'end',
      reason,
      unhandled: rest.map((error) => {
        const e = error as SerializedErrorLike;
        return { ...unhandled(e), ...(typeof e?.VITEST_TEST_PATH === 'string' ? { file: e.VITEST_TEST_PATH } : {}) };
      }),
    });
  }

  #sendTest(test: TestCaseLike): void {
    if (this.#reported.has(test.id)) return;
    const result = test.result();
    // Still running: its own onTestCaseResult comes later.
    if (result.state === 'pending' && test.module.state() === 'pending') return;
    this.#reported.add(test.id);
    const diagnostic = test.diagnostic();
    const output = this.#logs.take([test.id]);
    this.#options.send({
      type: 'test',
      file: test.module.moduleId,
      project: test.module.project.name,
      titlePath: titlePath(test),
      ...(test.location ? { location: { line: test.location.line, column: test.location.column } } : {}),
      state: testState(result.state, test.options.mode),
      durationMs: round(diagnostic?.duration ?? 0),
      retries: diagnostic?.retryCount ?? 0,
      // A test that passed on a retry keeps the earlier attempts' errors; only a failure reports them.
      errors: result.state === 'failed' ? (result.errors ?? []).map((error) => toWire(error)) : [],
      ...(output ? { output } : {}),
    });
  }
}

function* ids(tasks: Iterable<{ id: string }>): Generator<string> {
  for (const task of tasks) yield task.id;
}

function testState(state: string, mode: string): WireTestState {
  if (state === 'passed' || state === 'failed') return state;
  // "skipped", or "pending" when a cancelled run (bail) never got to it.
  return mode === 'todo' ? 'todo' : 'skipped';
}

function titlePath(test: TestCaseLike): string[] {
  const names = [test.name];
  for (let node = test.parent; node.type === 'suite'; node = node.parent) names.unshift(node.name);
  return names;
}
