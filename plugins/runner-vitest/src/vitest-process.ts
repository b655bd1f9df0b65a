import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { RunRequest } from './protocol.js';

const CHILD = fileURLToPath(new URL('./run-child.js', import.meta.url));
/** Enough of a crashed Vitest's stderr to explain it. */
const STDERR_TAIL = 4_000;
/** After an abort's SIGTERM, the process group gets this long before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** After Vitest exited, its event stream gets this long to deliver what is still buffered. */
const DRAIN_TIMEOUT_MS = 5_000;
/** Variables a surrounding Vitest (aqe's own tests) sets for its workers; they must not leak into the project's. */
const PARENT_VITEST_ENV = ['VITEST', 'VITEST_MODE', 'VITEST_WORKER_ID', 'VITEST_POOL_ID'];

export interface VitestExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface VitestProcessOptions {
  root: string;
  signal?: AbortSignal;
  /** Each JSON line the child's reporter writes to fd 3. */
  onLine(line: string): void;
  /** Called once when `signal` aborts, before the process group is stopped. */
  onAbort(): void;
}

/**
 * Runs Vitest (run-child.ts with the project's `vitest/node` entry) in its own process
 * group and streams its reporter's lines; resolves once it has exited and fd 3 is drained.
 * An abort or aqe's own exit takes the whole group down, Vitest's workers included.
 */
export async function runVitestProcess(entry: string, request: RunRequest, options: VitestProcessOptions): Promise<{ exit: VitestExit; stderr: string }> {
  const env = { ...process.env };
  for (const name of PARENT_VITEST_ENV) delete env[name];
  const child = spawn(process.execPath, [CHILD, entry], { cwd: options.root, stdio: ['pipe', 'ignore', 'pipe', 'pipe'], env, detached: true });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone, or no process groups (Windows): the child at least.
      child.kill(signal);
    }
  };
  const onParentExit = () => killGroup('SIGKILL');
  process.once('exit', onParentExit);
  const onAbort = () => {
    options.onAbort();
    killGroup('SIGTERM');
    setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  });
  child.stdin?.on('error', () => {
    // The child died before reading its request: reported by the exit below.
  });
  child.stdin?.end(JSON.stringify(request));
  try {
    const exit = await consume(child, killGroup, options.onLine);
    return { exit, stderr };
  } finally {
    process.removeListener('exit', onParentExit);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Hands fd 3's JSON lines on until the child has exited and the stream is drained. */
function consume(child: ChildProcess, killGroup: (signal: NodeJS.Signals) => void, onLine: (line: string) => void): Promise<VitestExit> {
  return new Promise((resolvePromise) => {
    let buffered = '';
    let exit: VitestExit | undefined;
    let drained = false;
    const done = () => {
      if (exit && drained) resolvePromise(exit);
    };
    const events = child.stdio[3] as Readable | null;
    events?.setEncoding('utf8');
    events?.on('data', (chunk: string) => {
      const lines = (buffered + chunk).split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line) onLine(line);
    });
    events?.on('close', () => {
      drained = true;
      done();
    });
    if (!events) drained = true;
    child.on('error', (error) => {
      exit = { code: null, signal: null, error };
      drained = true;
      done();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Whatever Vitest left running (workers, processes its tests started) goes with it, and
      // with them any copy of fd 3; one that escaped the group must not hold the run open.
      killGroup('SIGKILL');
      setTimeout(() => {
        drained = true;
        events?.destroy();
        done();
      }, DRAIN_TIMEOUT_MS).unref();
      done();
    });
  });
}
