import { resolve } from 'node:path';
import type { TestCase, TestError } from '@aqe/kernel';
import type { FrameworkExit } from '@aqe/kernel/runner-kit';
import { NodeFile, type NodeFileEnd } from './node-file.js';
import { startNodeTest } from './node-process.js';
import { ReportRouter } from './report-router.js';

export interface BatchOptions {
  /** The Node that runs the tests, and whether it takes file arguments as globs (21+). */
  node: string;
  globArgs: boolean;
  root: string;
  nodeOptions: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Relative POSIX paths, all existing. */
  files: readonly string[];
  patterns: readonly string[];
  /** Keep what each file printed (not with --silent). */
  output: boolean;
  signal?: AbortSignal;
  onFileStart?(file: string): void;
  onTest?(test: TestCase): void;
  /** A file is done; returning true stops the batch (kills it) right after it. */
  onFile(file: NodeFileEnd): boolean | undefined;
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
  const files = new Map<string, NodeFile>();
  const reported = new Set<string>();
  let stopped = false;
  let aborted = false;
  const live = () => !stopped && !aborted;
  const filtered = options.patterns.length > 0;

  const fileOf = (abs: string) => {
    const rel = relOf.get(abs);
    if (rel === undefined) return undefined;
    let found = files.get(abs);
    if (!found) {
      found = new NodeFile({ abs, rel }, { filtered, output: options.output, ...(options.onTest ? { onTest: options.onTest } : {}) });
      files.set(abs, found);
    }
    return found;
  };
  const deliver = (abs: string, crash?: TestError) => {
    const rel = relOf.get(abs);
    const found = fileOf(abs);
    if (!live() || rel === undefined || !found || reported.has(rel)) return;
    options.onFileStart?.(rel);
    reported.add(rel);
    if (options.onFile(found.finish(crash))) {
      stopped = true;
      child.kill();
    }
  };

  const router = new ReportRouter({
    started: (abs) => {
      const rel = relOf.get(abs);
      if (rel !== undefined && live()) options.onFileStart?.(rel);
    },
    event: (abs, event) => fileOf(abs)?.event(event),
    completed: (abs, event) => fileOf(abs)?.complete(event.durationMs, event.error),
    finalized: (abs) => deliver(abs),
  });
  let ended = false;
  const args = [...relOf.keys()].map((abs) => (options.globArgs ? escapeGlob(abs) : abs));
  const child = startNodeTest({ node: options.node, cwd: options.root, nodeOptions: options.nodeOptions, env: options.env, files: args, patterns: options.patterns }, (event) => {
    if (!live()) return;
    if (event.type === 'end') ended = true;
    router.push(event);
  });
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
    for (const [abs, rel] of relOf) if (!reported.has(rel)) deliver(abs, unfinished(exit, ended, files.get(abs)?.completed ?? false));
  }
  return { reported, stopped, aborted };
}

/** Node 21+ takes each path as a glob: glob characters in a file's path are escaped. */
function escapeGlob(abs: string): string {
  return process.platform === 'win32' ? abs : abs.replace(/[*?[\]{}()!+@\\]/g, '\\$&');
}

function unfinished(exit: FrameworkExit, ended: boolean, completed: boolean): TestError {
  const stderr = exit.stderr.trim();
  if (exit.spawnError) return { message: `could not start node --test: ${exit.spawnError.message}` };
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const message = ended && !completed ? 'node --test did not run this file' : `node --test ${how} before this file's results were reported${stderr ? `: ${stderr.split('\n').at(-1)}` : ''}`;
  return { message, ...(stderr ? { stack: stderr } : {}) };
}
