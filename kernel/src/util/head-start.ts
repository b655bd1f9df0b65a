import type { ChildProcess } from 'node:child_process';

/** A framework process started ahead of need, and what it will answer. */
export interface StartedProcess<T> {
  child: ChildProcess;
  result: Promise<T>;
}

const REGISTRY = Symbol.for('aqe.headStarts');

/**
 * Framework processes a runner starts in `prepare` (before the kernel's walk) and takes up
 * in `discover`. Until taken, a process is unreferenced, so a discover answered from cache
 * never waits for it, and it is killed if aqe exits first.
 */
export class HeadStarts<T> {
  /**
   * Shared by every copy of this module in the process: the CLI starts a process through a
   * runner's small `prepare` entry, and the runner's bundled discover code takes it up.
   */
  readonly #started: Map<string, StartedProcess<T>>;

  /** `name` tells apart the kinds of process (e.g. "jest-config"). */
  constructor(name: string) {
    const global = globalThis as { [REGISTRY]?: Map<string, Map<string, StartedProcess<unknown>>> };
    global[REGISTRY] ??= new Map();
    const all = global[REGISTRY];
    if (!all.has(name)) all.set(name, new Map());
    this.#started = all.get(name) as Map<string, StartedProcess<T>>;
  }

  /** Starts `start()` for `key` unless one is already waiting. */
  start(key: string, start: () => StartedProcess<T>): void {
    if (this.#started.has(key)) return;
    const started = start();
    started.result.catch(() => {});
    setReferenced(started.child, false);
    const kill = () => started.child.kill();
    process.once('exit', kill);
    started.child.once('close', () => process.off('exit', kill));
    this.#started.set(key, started);
  }

  /** The waiting process's answer, once; undefined when none was started. Aborting `signal` kills it. */
  take(key: string, signal?: AbortSignal): Promise<T> | undefined {
    const started = this.#started.get(key);
    if (!started) return undefined;
    this.#started.delete(key);
    setReferenced(started.child, true);
    if (signal?.aborted) started.child.kill();
    else signal?.addEventListener('abort', () => started.child.kill(), { once: true });
    return started.result;
  }
}

/** The process and each of its pipes keep the event loop alive while referenced. */
function setReferenced(child: ChildProcess, on: boolean): void {
  type Handle = { ref?(): void; unref?(): void } | null | undefined;
  const handles: Handle[] = [child, child.channel as Handle, ...child.stdio.map((s) => s as unknown as Handle)];
  for (const handle of handles) (on ? handle?.ref : handle?.unref)?.call(handle);
}
