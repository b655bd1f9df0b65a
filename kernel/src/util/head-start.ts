/** Work a runner started ahead of need (a framework's config process or thread), and what it will answer. */
export interface HeadStart<T> {
  result: Promise<T>;
  /** Whether it keeps aqe's event loop alive: not until a discover takes it up. */
  ref(on: boolean): void;
  /** Ends it early: aqe exits first, or the discover that took it was aborted. */
  stop(): void;
}

const REGISTRY = Symbol.for('aqe.headStarts');

/**
 * Framework processes and threads a runner starts in `prepare` (before the kernel's walk)
 * and takes up in `discover`. Until taken, one is unreferenced, so a discover answered
 * from cache never waits for it, and it is stopped if aqe exits first.
 */
export class HeadStarts<T> {
  /**
   * Shared by every copy of this module in the process: the CLI starts a process through a
   * runner's small `prepare` entry, and the runner's bundled discover code takes it up.
   */
  readonly #started: Map<string, HeadStart<T>>;

  /** `name` tells apart the kinds of head start (e.g. "jest-config"). */
  constructor(name: string) {
    const global = globalThis as { [REGISTRY]?: Map<string, Map<string, HeadStart<unknown>>> };
    global[REGISTRY] ??= new Map();
    const all = global[REGISTRY];
    if (!all.has(name)) all.set(name, new Map());
    this.#started = all.get(name) as Map<string, HeadStart<T>>;
  }

  /** Starts `start()` for `key` unless one is already waiting. */
  start(key: string, start: () => HeadStart<T>): void {
    if (this.#started.has(key)) return;
    const started = start();
    started.ref(false);
    const stop = () => started.stop();
    process.once('exit', stop);
    started.result.then(
      () => process.off('exit', stop),
      () => process.off('exit', stop),
    );
    this.#started.set(key, started);
  }

  /** The waiting head start's answer, once; undefined when none was started. Aborting `signal` stops it. */
  take(key: string, signal?: AbortSignal): Promise<T> | undefined {
    const started = this.#started.get(key);
    if (!started) return undefined;
    this.#started.delete(key);
    started.ref(true);
    if (signal?.aborted) started.stop();
    else signal?.addEventListener('abort', () => started.stop(), { once: true });
    return started.result;
  }
}
