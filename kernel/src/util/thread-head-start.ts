import { Worker } from 'node:worker_threads';
import type { HeadStart } from './head-start.js';

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

/**
 * Runs `entry` on a worker thread that posts one message, its answer, and is stopped once
 * it has. A thread has its own module registry and environment copy, so a framework and its
 * config stay apart from aqe's modules, as in a child process, and it starts in a third of
 * the time a Node process takes. What the thread prints stays out of aqe's output; a thread
 * that ends without answering rejects with why: its time ran out, an await never settled,
 * it threw, or it exited (with the end of its stderr).
 */
export function threadHeadStart<T>(entry: URL, options: ThreadHeadStartOptions): HeadStart<T> {
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
  const stop = () => void worker.terminate();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, options.timeoutMs);
  timer.unref();
  const result = new Promise<T>((resolve, reject) => {
    let crash: Error | undefined;
    worker.on('message', (message: T) => {
      clearTimeout(timer);
      resolve(message);
      // A config may leave handles open (a server, a loader thread): the answer is in.
      stop();
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
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener('abort', stop, { once: true });
  return { result, ref: (on) => (on ? worker.ref() : worker.unref()), stop };
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join(' ').trim();
}
