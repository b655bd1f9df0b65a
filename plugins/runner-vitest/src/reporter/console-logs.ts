/**
 * What the tests print, as Vitest reports it to reporters (`onUserConsoleLog`, the same in
 * Vitest 1–4): each log names the task that was running — a test, or the file or a describe
 * block for output of module scope and hooks. Logs are held by task id until the reporter
 * sends that test (its own output) or the file (everything else of the file, in order).
 */
import type { WireOutput } from '../protocol.js';

export interface UserConsoleLogLike {
  content?: unknown;
  type?: unknown;
  taskId?: unknown;
}

interface Held extends WireOutput {
  /** Arrival order across task ids, so a file's output merges back in the order it was printed. */
  order: number;
}

export class ConsoleLogs {
  readonly #byTask = new Map<string, Held[]>();
  #order = 0;

  add(log: UserConsoleLogLike): void {
    // A log without a task (printed outside any file's run) belongs to no result.
    if (typeof log.taskId !== 'string' || typeof log.content !== 'string') return;
    const held = this.#byTask.get(log.taskId) ?? [];
    held.push({ stream: log.type === 'stderr' ? 'stderr' : 'stdout', text: log.content, order: this.#order++ });
    this.#byTask.set(log.taskId, held);
  }

  /**
   * The output of these tasks (a test; or a file, its describe blocks and tests already
   * sent), and of the other ids `alsoId` accepts, in the order printed; forgotten here.
   */
  take(taskIds: Iterable<string>, alsoId?: (id: string) => boolean): WireOutput[] | undefined {
    const held: Held[] = [];
    const ids = new Set(taskIds);
    if (alsoId) for (const id of this.#byTask.keys()) if (alsoId(id)) ids.add(id);
    for (const id of ids) {
      held.push(...(this.#byTask.get(id) ?? []));
      this.#byTask.delete(id);
    }
    if (held.length === 0) return undefined;
    return held.sort((a, b) => a.order - b.order).map(({ stream, text }) => ({ stream, text }));
  }
}
