import { resolve } from 'node:path';
import type { TestCase, TestError } from '@aqe/kernel';
import { type CollectedFile, FileCollector } from './file-collector.js';
import { type NodeTestExit, startNodeTest } from './node-process.js';
import { ReportRouter } from './report-router.js';

export interface BatchOptions {
  root: string;
  nodeOptions: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Relative POSIX paths, all existing. */
  files: readonly string[];
  patterns: readonly string[];
  /** Leave out the tests Node 20 skipped for not matching the pattern (Node 22 does not report them). */
  dropUnmatched: boolean;
  signal?: AbortSignal;
  onFileStart?(file: string): void;
  onTest?(test: TestCase): void;
  /** A file is done; returning true stops the batch (kills it) right after it. */
  onFile(file: CollectedFile): boolean | undefined;
}

export interface BatchOutcome {
  /** Files handed to onFile. */
  reported: Set<string>;
  /** onFile asked to stop; the rest of the files did not report. */
  stopped: boolean;
  aborted: boolean;
}

/** One `node --test` over `files`: each file is handed to onFile as soon as its report is whole. */
export async function runBatch(options: BatchOptions): Promise<BatchOutcome> {
  const relOf = new Map(options.files.map((file) => [resolve(options.root, file), file]));
  const collectors = new Map<string, FileCollector>();
  const reported = new Set<string>();
  const started = new Set<string>();
  let stopped = false;
  let aborted = false;
  const live = () => !stopped && !aborted;

  const collector = (abs: string) => {
    const rel = relOf.get(abs);
    if (rel === undefined) return undefined;
    let found = collectors.get(abs);
    if (!found) {
      found = new FileCollector({ abs, rel }, { dropUnmatched: options.dropUnmatched, ...(options.onTest ? { onTest: options.onTest } : {}) });
      collectors.set(abs, found);
    }
    return found;
  };
  const start = (rel: string) => {
    if (started.has(rel)) return;
    started.add(rel);
    options.onFileStart?.(rel);
  };
  const deliver = (abs: string, crash?: TestError) => {
    const rel = relOf.get(abs);
    const found = collector(abs);
    if (!live() || rel === undefined || !found || reported.has(rel)) return;
    start(rel);
    reported.add(rel);
    if (options.onFile(found.finish(crash))) {
      stopped = true;
      child.kill();
    }
  };

  const router = new ReportRouter({
    started: (abs) => {
      const rel = relOf.get(abs);
      if (rel !== undefined && live()) start(rel);
    },
    event: (abs, event) => collector(abs)?.event(event),
    completed: (abs, event) => collector(abs)?.complete(event.durationMs, event.error),
    finalized: (abs) => deliver(abs),
  });
  let ended = false;
  const child = startNodeTest(
    { cwd: options.root, nodeOptions: options.nodeOptions, env: options.env, files: [...relOf.keys()].map(fileArg), patterns: options.patterns },
    (event) => {
      if (!live()) return;
      if (event.type === 'end') ended = true;
      router.push(event);
    },
  );
  const abort = () => {
    aborted = true;
    child.kill();
  };
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const exit = await child.exited;
  options.signal?.removeEventListener('abort', abort);
  if (live()) {
    router.close();
    // Files without a whole report: node --test crashed, or never ran them.
    for (const [abs, rel] of relOf) if (!reported.has(rel)) deliver(abs, unfinished(exit, ended, collectors.get(abs)?.completed ?? false));
  }
  return { reported, stopped, aborted };
}

const GLOB_ARGS = Number(process.versions.node.split('.')[0]) >= 21 && process.platform !== 'win32';

/** Node 21+ takes each path as a glob: glob characters in a file's path are escaped. */
function fileArg(abs: string): string {
  return GLOB_ARGS ? abs.replace(/[*?[\]{}()!+@\\]/g, '\\$&') : abs;
}

function unfinished(exit: NodeTestExit, ended: boolean, completed: boolean): TestError {
  const stderr = exit.stderr.trim();
  if (exit.spawnError) return { message: `could not start node --test: ${exit.spawnError.message}` };
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const message =
    ended && !completed
      ? 'node --test did not run this file'
      : `node --test ${how} before this file's results were reported${stderr ? `: ${stderr.split('\n').at(-1)}` : ''}`;
  return { message, ...(stderr ? { stack: stderr } : {}) };
}
