import type { HeadStart } from './head-start.js';
import { lazyRequire } from './lazy.js';

export interface ThreadHeadStartOptions {
  /** Passed as `workerData.root`: the entry makes `process.cwd()` answer it (a thread cannot chdir). */
  root: string;
  /** Past this the thread is stopped and the answer is an error saying so. */
  timeoutMs: number;
  /** The thread's own Node flags; aqe's (a test runner's loaders, say) are not inherited. */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Node's exit code for a top-level await that never settled. */
const UNSETTLED_AWAIT = 13;
/** Enough of a failed thread's stderr to explain it. */
const STDERR_KEPT = 8192;
/** How long a thread asked to stop may take to leave before it is terminated. */
const STOP_GRACE_MS = 1000;
/** The message that asks a thread to leave (any message does: see `threadEntry`). */
const STOP = 'aqe:stop';

const workerThreads = lazyRequire<typeof import('node:worker_threads')>('node:worker_threads');

const LIVE = Symbol.for('aqe.liveThreads');
/** Threads not yet ended, shared by every copy of this module (the CLI's prepare entry and the bundled runners). */
function liveThreads(): Set<() => Promise<void>> {
  const global = globalThis as { [LIVE]?: Set<() => Promise<void>> };
  global[LIVE] ??= new Set();
  return global[LIVE];
}

/**
 * Runs `entry` on a worker thread that posts one message, its answer, and leaves. A thread
 * has its own module registry and environment copy, so a framework and its config stay
 * apart from aqe's modules, as in a child process, and it starts in a third of the time a
 * Node process takes. What the thread prints stays out of aqe's output; a thread that ends
 * without answering rejects with why: its time ran out, an await never settled, it threw,
 * or it exited (with the end of its stderr).
 *
 * A thread is asked to stop, not terminated: on Node 20 an fs promise call that races
 * `terminate()` (Vite's config search, say) aborts the whole process. Its entry answers
 * through `threadEntry`, which leaves right after the answer and whenever aqe asks; only
 * a thread that ignores the request for a second (a busy loop) is terminated.
 */
export function threadHeadStart<T>(entry: URL, options: ThreadHeadStartOptions): HeadStart<T> {
  const { Worker } = workerThreads();
  const worker = new Worker(entry, {
    workerData: { root: options.root },
    execArgv: options.execArgv ?? [],
    env: options.env ?? process.env,
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  let stderr = '';
  worker.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < STDERR_KEPT) stderr += chunk;
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const stop = (): Promise<void> => {
    // Whoever waits for the thread to leave keeps the process alive until it has.
    worker.ref();
    worker.postMessage(STOP);
    const force = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
    force.unref();
    return exited.then(() => clearTimeout(force));
  };
  liveThreads().add(stop);
  void exited.then(() => liveThreads().delete(stop));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stop();
  }, options.timeoutMs);
  timer.unref();
  let answered = false;
  const result = new Promise<T>((resolve, reject) => {
    let crash: Error | undefined;
    worker.on('message', (message: T) => {
      clearTimeout(timer);
      answered = true;
      resolve(message);
      // The answer is in: the thread leaves by itself, and must not keep aqe waiting if it lingers.
      worker.unref();
    });
    worker.on('error', (error) => {
      crash = error;
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      if (options.signal?.aborted) reject(options.signal.reason);
      else if (timedOut) reject(new Error(`it did not finish within ${options.timeoutMs / 1000}s and was stopped`));
      else if (code === UNSETTLED_AWAIT) reject(new Error('loading it never finished: it awaits a promise that never settles'));
      else reject(crash ?? new Error(lastLines(stderr) || `its thread exited with code ${code}`));
    });
  });
  if (options.signal?.aborted) void stop();
  else options.signal?.addEventListener('abort', () => void stop(), { once: true });
  // Taken up after it answered, a thread that is still leaving must not keep aqe alive again.
  return { result, ref: (on) => (on && !answered ? worker.ref() : worker.unref()), stop: () => void stop() };
}

/**
 * Asks every thread still running to stop and waits until each has left. Call it before
 * the process exits: Node terminates the threads left at exit, which is the race above.
 */
export async function settleThreads(): Promise<void> {
  await Promise.all([...liveThreads()].map((stop) => stop()));
}

export interface ThreadEntry<T> {
  /** The project root the thread works for; `process.cwd()` answers it too. */
  root: string;
  /** Posts the one answer and leaves at once: a config may leave handles open. */
  answer(message: T): never;
}

/**
 * The entry side of threadHeadStart: call it first thing in a thread's entry. `process.cwd()`
 * answers the project root, as it would in the framework's own process (a thread cannot
 * chdir, and must not change aqe's directory); the thread leaves when aqe asks, without
 * the request keeping it alive.
 */
export function threadEntry<T>(): ThreadEntry<T> {
  const { parentPort, workerData } = workerThreads();
  if (!parentPort) throw new Error('threadEntry() is for the entry of a thread that threadHeadStart started');
  const { root } = workerData as { root: string };
  process.cwd = () => root;
  parentPort.once('message', () => process.exit(0));
  parentPort.unref();
  return {
    root,
    answer(message) {
      parentPort.postMessage(message);
      return process.exit(0);
    },
  };
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join(' ').trim();
}
